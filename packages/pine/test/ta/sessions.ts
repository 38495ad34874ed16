// Test-side anchors for ta.vwap / pivot_point_levels fixtures: trading-day and intraday-bucket
// changes in the symbol's time zone with an FX session starting at 17:00 New York time.
// (A shared timeframe.change helper is the stdlib's job; this only mirrors it for the fixtures.)
const fmt = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Minutes since the 17:00 New York session start, and the session's day number. */
export function sessionPosition(timeMs: number, sessionStartMin = 17 * 60): { day: number; minute: number } {
  const parts = Object.fromEntries(fmt.formatToParts(new Date(timeMs)).map((p) => [p.type, p.value]));
  const localMin = Number(parts.hour) * 60 + Number(parts.minute);
  const localDay = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
  const shifted = localMin - sessionStartMin;
  return shifted >= 0 ? { day: localDay + 1, minute: shifted } : { day: localDay, minute: shifted + 1440 };
}

/** timeframe.change(tf) for intraday minute buckets or "D", false on the first bar. */
export function changeFlags(times: ArrayLike<number>, tfMinutes: number | 'D'): boolean[] {
  const out: boolean[] = [];
  let prev = '';
  for (let i = 0; i < times.length; i++) {
    const { day, minute } = sessionPosition(times[i]!);
    const key = tfMinutes === 'D' ? `${day}` : `${day}:${Math.floor(minute / tfMinutes)}`;
    out.push(i > 0 && key !== prev);
    prev = key;
  }
  return out;
}
