/** Times as the review page shows them: UTC, minute precision, the same on every machine. */
export { formatUtc as formatTime } from '../../model/time-format.js';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
