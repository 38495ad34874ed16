// Pine timeframe strings ("1", "60", "240", "1S", "D", "3D", "W", "M", "12M") parsed into a unit and
// a multiple. Pure: shared by the resampler, the stores (as the canonical key) and the downloader.

export type TimeframeUnit = 'second' | 'minute' | 'day' | 'week' | 'month';

export interface Timeframe {
  unit: TimeframeUnit;
  multiple: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Parses a Pine timeframe ("5", "1H"/"4h" accepted as aliases for "60"/"240", "D", "2W", "1M", "30S"). */
export function parseTimeframe(input: string): Timeframe {
  const s = input.trim().toUpperCase();
  const m = /^(\d*)([SHDWM]?)$/.exec(s);
  if (!m || (m[1] === '' && m[2] === '')) throw new Error(`invalid timeframe "${input}"`);
  const n = m[1] === '' ? 1 : Number(m[1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`invalid timeframe "${input}"`);
  switch (m[2]) {
    case '':
      return { unit: 'minute', multiple: n };
    case 'H':
      return { unit: 'minute', multiple: n * 60 };
    case 'S':
      return { unit: 'second', multiple: n };
    case 'D':
      return { unit: 'day', multiple: n };
    case 'W':
      return { unit: 'week', multiple: n };
    default:
      return { unit: 'month', multiple: n };
  }
}

/** Canonical Pine spelling: "60", "1S", "D", "2D", "W", "M", "3M" (the form stored in the database). */
export function formatTimeframe(tf: Timeframe): string {
  switch (tf.unit) {
    case 'second':
      return `${tf.multiple}S`;
    case 'minute':
      return String(tf.multiple);
    case 'day':
      return tf.multiple === 1 ? 'D' : `${tf.multiple}D`;
    case 'week':
      return tf.multiple === 1 ? 'W' : `${tf.multiple}W`;
    case 'month':
      return tf.multiple === 1 ? 'M' : `${tf.multiple}M`;
  }
}

export function normalizeTimeframe(input: string): string {
  return formatTimeframe(parseTimeframe(input));
}

/**
 * Nominal bar length in ms. Exact for seconds/minutes/days/weeks; months use 30 days, which callers only
 * use for rough sizing (pagination, gap tolerance), never for alignment.
 */
export function timeframeMs(tf: Timeframe | string): number {
  const t = typeof tf === 'string' ? parseTimeframe(tf) : tf;
  switch (t.unit) {
    case 'second':
      return t.multiple * 1000;
    case 'minute':
      return t.multiple * MINUTE_MS;
    case 'day':
      return t.multiple * DAY_MS;
    case 'week':
      return t.multiple * 7 * DAY_MS;
    case 'month':
      return t.multiple * 30 * DAY_MS;
  }
}

/** True when bars of this timeframe have a fixed length in UTC (no calendar or session logic needed). */
export function isIntraday(tf: Timeframe): boolean {
  return tf.unit === 'second' || tf.unit === 'minute';
}

/**
 * Guesses the timeframe of ascending bar times from the most common spacing (weekends and holidays
 * make gaps longer, never shorter, so the mode is the bar length).
 */
export function inferTimeframe(times: Float64Array): string {
  const counts = new Map<number, number>();
  const step = Math.max(1, Math.floor(times.length / 5000));
  for (let i = step; i < times.length; i += step) {
    const d = times[i]! - times[i - 1]!;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  if (best === 0) throw new Error('cannot infer the timeframe from fewer than two bars: pass --timeframe');
  const DAY = 86_400_000;
  if (best >= 27 * DAY) return 'M';
  if (best >= 7 * DAY && best % (7 * DAY) === 0) return formatTimeframe({ unit: 'week', multiple: best / (7 * DAY) });
  if (best >= DAY && best % DAY === 0) return formatTimeframe({ unit: 'day', multiple: best / DAY });
  // Daily bars stamped at midnight in a DST zone are 23 or 25 hours apart around transitions.
  if (best >= 23 * 3_600_000 && best <= 25 * 3_600_000) return 'D';
  if (best % 60_000 === 0) return String(best / 60_000);
  if (best % 1000 === 0) return `${best / 1000}S`;
  throw new Error(`cannot infer the timeframe from a bar spacing of ${best} ms: pass --timeframe`);
}
