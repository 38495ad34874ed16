// Text forms of a run's outputs: the --plots CSV, the --logs lines and the --summary JSON.
import type { BarColumns, RunResult } from '@pineback/pine';
import { shiftedValues } from '@pineback/pine';
import { getZone } from '@pineback/pine';

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function num(v: number): string {
  return v !== v ? 'NaN' : String(v);
}

/** `time,open,high,low,close,<plot titles…>`; time in Unix seconds, na as NaN, offsets applied. */
export function plotsCsv(bars: BarColumns, result: RunResult): string {
  const plots = result.plots.map((p) => ({ title: p.title, values: shiftedValues(p.values, Number(p.options['offset'] ?? 0)) }));
  const lines: string[] = [['time', 'open', 'high', 'low', 'close', ...plots.map((p) => csvField(p.title))].join(',')];
  for (let i = 0; i < bars.length; i++) {
    const row = [String(Math.round(bars.time[i]! / 1000)), num(bars.open[i]!), num(bars.high[i]!), num(bars.low[i]!), num(bars.close[i]!)];
    for (const p of plots) row.push(num(p.values[i]!));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

/** ISO-8601 with the zone's offset, as TradingView prints log times: 2023-01-02T01:00:00.000-05:00. */
export function isoInZone(t: number, timezone: string): string {
  let offsetMin = 0;
  try {
    offsetMin = Math.round(getZone(timezone).offsetAt(t) / 60000);
  } catch {
    offsetMin = 0;
  }
  const d = new Date(t + offsetMin * 60000).toISOString().slice(0, 23);
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${d}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function logsText(result: RunResult, timezone: string): string {
  return result.logs.map((l) => `[${isoInZone(l.time, timezone)}]: ${l.message}`).join('\n') + (result.logs.length ? '\n' : '');
}

/** A compact JSON summary of the run (and of the strategy, once the broker is wired). */
export function summaryJson(result: RunResult, extra: Record<string, unknown> = {}): string {
  return (
    JSON.stringify(
      {
        bars: result.barCount,
        elapsedMs: result.elapsedMs,
        plots: result.plots.map((p) => p.title),
        alerts: result.alerts.length,
        logs: result.logs.length,
        inputs: result.inputs,
        ...extra,
      },
      null,
      2,
    ) + '\n'
  );
}
