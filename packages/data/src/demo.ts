// Demo data shipped with the package (packages/data/demo, see its README for sources and licences),
// loaded into a store on first start. Idempotent: a series that already has recorded coverage is
// left alone, so calling this on every start costs one lookup per file.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile, type ImportResult } from './import-file.js';
import type { BarStore } from './store/types.js';
import { symbolRecord, type SymbolRecord } from './symbol.js';

export interface DemoSeries {
  file: string;
  symbol: string;
  timeframe: string;
  info: Partial<SymbolRecord>;
}

const SPY: Partial<SymbolRecord> = {
  type: 'fund',
  currency: 'USD',
  mintick: 0.01,
  timezone: 'America/New_York',
  session: '0930-1600:23456',
  description: 'SPDR S&P 500 ETF Trust (QuantConnect LEAN sample data)',
};

const BTC: Partial<SymbolRecord> = {
  type: 'crypto',
  currency: 'USD',
  mintick: 0.01,
  timezone: 'Etc/UTC',
  session: '24x7',
  description: 'Bitcoin / U.S. dollar (CryptoDataDownload, Coinbase)',
};

export const DEMO_SERIES: readonly DemoSeries[] = [
  { file: 'spy_1d_1998-2021_lean.csv.gz', symbol: 'AMEX:SPY', timeframe: 'D', info: SPY },
  { file: 'spy_1h_1998-2021_lean.csv.gz', symbol: 'AMEX:SPY', timeframe: '60', info: SPY },
  { file: 'spy_1m_2013-10_lean.csv.gz', symbol: 'AMEX:SPY', timeframe: '1', info: SPY },
  { file: 'btcusd_1d_2014-2019_coinbase_cdd.csv.gz', symbol: 'COINBASE:BTCUSD', timeframe: 'D', info: BTC },
  { file: 'btcusd_1h_2017-2019_coinbase_cdd.csv.gz', symbol: 'COINBASE:BTCUSD', timeframe: '60', info: BTC },
];

/** packages/data/demo, found relative to this module (works from src/ and dist/). */
export function demoDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'demo');
}

export async function ensureDemoData(store: BarStore, dir = demoDir()): Promise<ImportResult[]> {
  const loaded: ImportResult[] = [];
  for (const s of DEMO_SERIES) {
    if ((await store.getRanges(s.symbol, s.timeframe)).length > 0) continue;
    const path = join(dir, s.file);
    if (!existsSync(path)) throw new Error(`demo data file missing: ${path}`);
    if (!(await store.getSymbol(s.symbol))) await store.upsertSymbol(symbolRecord(s.symbol, s.info));
    loaded.push(await importFile(store, path, { symbol: s.symbol, timeframe: s.timeframe }));
  }
  return loaded;
}
