// Which lower timeframe the bar magnifier walks for a chart timeframe (TradingView Help Center mapping, as
// recorded in shared/docs/pine-strategy-semantics.md §1.7): the row with the largest chart timeframe not
// above the chart's applies. Tick-based charts are not supported here.

const ROWS: [chartSeconds: number, intrabar: string][] = [
  [1, '1S'],
  [30, '5S'],
  [60, '10S'],
  [5 * 60, '30S'],
  [10 * 60, '1'],
  [15 * 60, '2'],
  [30 * 60, '5'],
  [60 * 60, '10'],
  [240 * 60, '30'],
  [86_400, '60'],
  [3 * 86_400, '240'],
  [7 * 86_400, '1D'],
];

/** Seconds in a Pine timeframe string ("30S", "15", "60", "D", "3D", "W", "M"); NaN if not understood. */
export function timeframeSeconds(tf: string): number {
  const m = /^(\d*)([SDWM]?)$/.exec(tf.trim().toUpperCase());
  if (!m) return NaN;
  const n = m[1] === '' ? 1 : Number(m[1]);
  switch (m[2]) {
    case 'S':
      return n;
    case '':
      return n * 60;
    case 'D':
      return n * 86_400;
    case 'W':
      return n * 7 * 86_400;
    case 'M':
      return n * 30 * 86_400;
  }
  return NaN;
}

/** The magnifier's intrabar timeframe for `chartTimeframe`, or null when it has none (already the smallest). */
export function magnifierTimeframe(chartTimeframe: string): string | null {
  const s = timeframeSeconds(chartTimeframe);
  if (!(s > 0)) return null;
  let pick: string | null = null;
  for (const [threshold, ltf] of ROWS) if (s >= threshold) pick = ltf;
  return pick === chartTimeframe.toUpperCase() ? null : pick;
}
