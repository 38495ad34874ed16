// Number formatting in the Strategy Tester's style: thousands separators, two decimals, signed
// percentages, "—" for missing values.
import type { MetricUnit } from '../api/types.js';

const DASH = '—';

export function formatNumber(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMoney(v: number | null | undefined, currency = 'USD'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${formatNumber(v)} ${currency}`;
}

export function formatPercent(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${formatNumber(v, digits)}%`;
}

export function formatMetric(v: number | null | undefined, unit: MetricUnit | undefined, currency = 'USD'): string {
  switch (unit) {
    case 'percent':
      return formatPercent(v);
    case 'count':
      return v === null || v === undefined || !Number.isFinite(v) ? DASH : Math.round(v).toLocaleString('en-US');
    case 'bars':
      return v === null || v === undefined || !Number.isFinite(v) ? DASH : Math.round(v).toLocaleString('en-US');
    case 'ratio':
      return formatNumber(v, 3);
    default:
      return formatMoney(v, currency);
  }
}

/** Signed class for colouring gains and losses. */
export function signClass(v: number | null | undefined): 'pos' | 'neg' | '' {
  if (v === null || v === undefined || !Number.isFinite(v) || v === 0) return '';
  return v > 0 ? 'pos' : 'neg';
}

/** "2024-03-01 14:30" in `timeZone` (the symbol's exchange zone where known); midnight shows the date only. */
export function formatTime(ms: number | null | undefined, timeZone = 'UTC'): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  const hm = `${get('hour')}:${get('minute')}`;
  return hm === '00:00' ? day : `${day} ${hm}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  const days = ms / 86_400_000;
  if (days >= 1) return `${Math.round(days).toLocaleString('en-US')} d`;
  const hours = ms / 3_600_000;
  if (hours >= 1) return `${Math.round(hours)} h`;
  return `${Math.round(ms / 60_000)} min`;
}
