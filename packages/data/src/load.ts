// What a backtest needs from the data layer in one call: the bars as typed-array columns, the
// symbol's SymbolInfo, and the dataset record (content hash) the result will be keyed by.
import type { BarColumns, SymbolInfo } from '@pineback/pine';
import type { BarStore, DatasetRecord, ReadOptions } from './store/types.js';
import { formatSymbolId, parseSymbolId, toSymbolInfo } from './symbol.js';
import { normalizeTimeframe } from './timeframe.js';

export interface LoadedDataset {
  bars: BarColumns;
  syminfo: SymbolInfo;
  dataset: DatasetRecord;
}

export async function loadDataset(store: BarStore, symbol: string, timeframe: string, range: ReadOptions = {}): Promise<LoadedDataset> {
  const id = formatSymbolId(parseSymbolId(symbol));
  const tf = normalizeTimeframe(timeframe);
  const record = await store.getSymbol(id);
  if (!record) throw new Error(`unknown symbol ${id}`);
  const bars = await store.readBars(id, tf, range);
  if (bars.length === 0) throw new Error(`no ${tf} bars stored for ${id} in the requested range`);
  const dataset = await store.recordDataset(id, tf, bars);
  return { bars, syminfo: toSymbolInfo(record, tf), dataset };
}
