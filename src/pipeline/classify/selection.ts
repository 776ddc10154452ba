/**
 * χ² feature selection: the features whose presence depends most on the label. Naive Bayes counts
 * every feature it keeps, and a word seen by chance in a few examples of one label (and never in
 * the others) votes for that label on any text that happens to use it; off-topic text, which is
 * mostly such words, then looks like whatever label has the most varied examples. Keeping only
 * features with a real association leaves unfamiliar text with little evidence either way.
 */
export function selectFeatures(featureLists: readonly (readonly string[])[], labels: readonly string[], limit: number): string[] {
  const total = featureLists.length;
  const labelCounts = new Map<string, number>();
  for (const label of labels) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
  // Documents with each feature, overall and per label.
  const withFeature = new Map<string, Map<string, number>>();
  featureLists.forEach((features, i) => {
    for (const feature of features) {
      let byLabel = withFeature.get(feature);
      if (byLabel === undefined) withFeature.set(feature, (byLabel = new Map()));
      byLabel.set(labels[i]!, (byLabel.get(labels[i]!) ?? 0) + 1);
    }
  });
  const scored: { feature: string; chi2: number }[] = [];
  for (const [feature, byLabel] of withFeature) {
    let present = 0;
    for (const n of byLabel.values()) present += n;
    let chi2 = 0;
    for (const [label, n] of labelCounts) {
      const observed = byLabel.get(label) ?? 0;
      const expectedPresent = (present * n) / total;
      const expectedAbsent = ((total - present) * n) / total;
      chi2 += (observed - expectedPresent) ** 2 / expectedPresent;
      if (expectedAbsent > 0) chi2 += (n - observed - expectedAbsent) ** 2 / expectedAbsent;
    }
    scored.push({ feature, chi2 });
  }
  // Ties broken by name, so the same examples always select the same features.
  scored.sort((a, b) => b.chi2 - a.chi2 || (a.feature < b.feature ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.feature);
}
