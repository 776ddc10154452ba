/**
 * A string-keyed cache of at most `limit` entries, dropped whole when full: the classifier's hot
 * paths (stemming, tokenizing, content words) see the same few strings many times in a row, and a
 * full reset costs less than keeping an LRU order.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
