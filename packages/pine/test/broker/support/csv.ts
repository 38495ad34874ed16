// Reads the TradingView fixture CSVs (OHLCV and List-of-trades exports).
import { readFileSync } from 'node:fs';
import type { BrokerBar } from '../../../src/broker/index.js';

export function readOhlcv(path: string): BrokerBar[] {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const head = lines[0]!.split(',');
  const col = (n: string): number => head.indexOf(n);
  const [t, o, h, l, c] = ['time', 'open', 'high', 'low', 'close'].map(col) as [number, number, number, number, number];
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    const ts = f[t]!;
    const time = /^\d+$/.test(ts) ? Number(ts) * 1000 : Date.parse(ts);
    return { time, open: +f[o]!, high: +f[h]!, low: +f[l]!, close: +f[c]! };
  });
}

export interface TvTrade {
  num: number;
  direction: 'long' | 'short';
  entryTime: string;
  exitTime: string;
  entrySignal: string;
  exitSignal: string;
  entryPrice: number;
  exitPrice: number;
  qty: string;
  netPnl: number;
  netPnlPct: number;
  runup: number;
  drawdown: number;
  cumulative: number;
}

/** Closed trades of a TradingView List-of-trades export (a trailing still-open trade is dropped). */
export function readTvTrades(path: string): TvTrade[] {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
  const byNum = new Map<number, { entry?: string[]; exit?: string[] }>();
  for (const line of lines) {
    const f = line.split(',');
    const n = Number(f[0]);
    const rec = byNum.get(n) ?? {};
    if (f[1]!.startsWith('Entry')) rec.entry = f;
    else rec.exit = f;
    byNum.set(n, rec);
  }
  const out: TvTrade[] = [];
  for (const [num, { entry, exit }] of [...byNum].sort((a, b) => a[0] - b[0])) {
    if (!entry || !exit) continue;
    if (exit[3] === 'Open' || exit[3] === '') continue;
    out.push({
      num,
      direction: entry[1]!.endsWith('long') ? 'long' : 'short',
      entryTime: entry[2]!,
      exitTime: exit[2]!,
      entrySignal: entry[3]!,
      exitSignal: exit[3]!,
      entryPrice: +entry[4]!,
      exitPrice: +exit[4]!,
      qty: entry[5]!,
      netPnl: +entry[7]!,
      netPnlPct: +entry[8]!,
      runup: +entry[9]!,
      drawdown: +entry[11]!,
      cumulative: +entry[13]!,
    });
  }
  return out;
}
