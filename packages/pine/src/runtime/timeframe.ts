// Chart timeframe strings ("1", "60", "1D", "W", "3M", "30S") → nominal duration, for bar close
// times when the next bar is unknown and for detecting the data's resolution.

const MIN = 60_000;
const DAY = 86_400_000;

/** Nominal duration in ms; months count as 30.436875 days (only used as an estimate). NaN if unparseable. */
export function timeframeMs(tf: string): number {
  const m = /^(\d*)([SDWM]?)$/i.exec(tf.trim());
  if (!m) return NaN;
  const n = m[1] === '' ? 1 : Number(m[1]);
  switch (m[2]!.toUpperCase()) {
    case '':
      return n * MIN;
    case 'S':
      return n * 1000;
    case 'D':
      return n * DAY;
    case 'W':
      return n * 7 * DAY;
    case 'M':
      return n * 30.436875 * DAY;
    default:
      return NaN;
  }
}

/** Timeframe string for a bar spacing in ms ("1", "60", "D", "W"); "" when there is no single bar. */
export function timeframeFromMs(ms: number): string {
  if (!(ms > 0)) return '';
  if (ms % (7 * DAY) === 0) return ms === 7 * DAY ? 'W' : `${ms / (7 * DAY)}W`;
  if (ms % DAY === 0) return ms === DAY ? 'D' : `${ms / DAY}D`;
  if (ms % MIN === 0) return String(ms / MIN);
  if (ms % 1000 === 0) return `${ms / 1000}S`;
  return '';
}

/** The most common spacing between consecutive bar times (robust to weekend/session gaps). */
export function detectBarSpacing(time: Float64Array): number {
  const counts = new Map<number, number>();
  const n = Math.min(time.length, 2000);
  for (let i = 1; i < n; i++) {
    const d = time[i]! - time[i - 1]!;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = NaN;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  return best;
}
