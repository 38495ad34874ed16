// `pineback run --symbol EXCHANGE:TICKER --timeframe TF`: the bars come from the configured market-data
// store (resolved exactly as for `pineback data …`) instead of a CSV. When the timeframe is not stored
// but a finer one is, the finer bars are resampled (and then also feed the bar magnifier, as with
// --data + --timeframe). The result names its data: the dataset record (content hash) of the exact bars.
import type { BarColumns, SymbolInfo } from '@pineback/pine';
// @pineback/data is already loaded by bars-file.ts; the store itself is opened only for --symbol.
import { datasetHash } from '@pineback/data';
import { DataError, sliceBars } from './bars-file.js';
import { withStore } from './commands/data.js';

type DataPackage = typeof import('@pineback/data');
type SeriesSummary = import('@pineback/data').SeriesSummary;
type DatasetRecord = import('@pineback/data').DatasetRecord;

export interface StoreBarsRequest {
  symbol: string;
  /** Chart timeframe; default: the finest stored timeframe of the symbol. */
  timeframe?: string;
  /** Inclusive first and last bar open times (Unix ms), as --from/--to. */
  from?: number;
  to?: number;
}

export interface StoreBars {
  bars: BarColumns;
  /** The finer stored bars the chart bars were resampled from (for the bar magnifier), if any. */
  intrabars?: BarColumns;
  /** The stored symbol's info, with period = timeframe. */
  syminfo: SymbolInfo;
  timeframe: string;
  /** The timeframe that was read from the store (differs from `timeframe` when resampled). */
  sourceTimeframe: string;
  dataset: DatasetRecord;
}

/** The stored series to read for `tf`: the exact one, else the coarsest finer one whose period divides tf's. */
export function pickStoredSeries(d: DataPackage, stored: readonly SeriesSummary[], tf: string): SeriesSummary | null {
  const exact = stored.find((s) => s.timeframe === tf);
  if (exact) return exact;
  const target = d.parseTimeframe(tf);
  const targetMs = d.timeframeMs(target);
  const intradayTarget = target.unit === 'second' || target.unit === 'minute';
  let best: SeriesSummary | null = null;
  for (const s of stored) {
    const ms = d.timeframeMs(s.timeframe);
    if (ms >= targetMs) continue;
    // Intraday buckets must be whole multiples of the source bar; D/W/M buckets follow the calendar.
    if (intradayTarget && targetMs % ms !== 0) continue;
    if (!best || ms > d.timeframeMs(best.timeframe)) best = s;
  }
  return best;
}

export async function barsFromStore(req: StoreBarsRequest): Promise<StoreBars> {
  try {
    return await withStore({}, async (store, d) => {
      let id: string;
      try {
        id = d.formatSymbolId(d.parseSymbolId(req.symbol));
      } catch (err) {
        throw new DataError(`--symbol: ${(err as Error).message}`);
      }
      const record = await store.getSymbol(id);
      const stored = (await store.listSeries()).filter((s) => s.symbol === id);
      if (!record || stored.length === 0) throw new DataError(`no bars stored for ${id} (import some with "pineback data import FILE --symbol ${id}")`);
      let tf: string;
      try {
        tf = req.timeframe ? d.normalizeTimeframe(req.timeframe) : [...stored].sort((a, b) => d.timeframeMs(a.timeframe) - d.timeframeMs(b.timeframe))[0]!.timeframe;
      } catch (err) {
        throw new DataError(`--timeframe: ${(err as Error).message}`);
      }
      const src = pickStoredSeries(d, stored, tf);
      if (!src) {
        const have = stored.map((s) => s.timeframe).join(', ');
        throw new DataError(`${id}: no stored timeframe equal to or finer than ${tf} (stored: ${have})`);
      }
      const from = req.from ?? -Infinity;
      const to = req.to ?? Infinity;
      // Read one chart bar of margin each side so the edge buckets are complete before slicing.
      const margin = src.timeframe === tf ? 0 : d.timeframeMs(tf);
      const raw = await store.readBars(id, src.timeframe, {
        ...(Number.isFinite(from) ? { from: from - margin } : {}),
        ...(Number.isFinite(to) ? { to: to + margin + 1 } : {}),
      });
      const resampled = src.timeframe === tf ? raw : d.resample(raw, tf, { timezone: record.timezone });
      const bars = sliceBars(resampled, from, to);
      if (bars.length === 0) throw new DataError(`${id} ${tf}: no bars in the requested range`);
      const intrabars = src.timeframe === tf ? undefined : sliceBars(raw, bars.time[0]!, Infinity);
      const dataset = await store.recordDataset(id, tf, bars);
      return { bars, intrabars, syminfo: d.toSymbolInfo(record, tf), timeframe: tf, sourceTimeframe: src.timeframe, dataset };
    });
  } catch (err) {
    if (err instanceof DataError) throw err;
    // The store could not be opened or read (locked file, database down, bad config).
    throw new DataError(`market data store: ${(err as Error).message}`);
  }
}

/** The dataset record of bars read from a file (--data): the same content hash the store would record. */
export function fileDataset(syminfo: SymbolInfo, timeframe: string, bars: BarColumns): DatasetRecord {
  const symbol = syminfo.prefix ? `${syminfo.prefix}:${syminfo.ticker}` : syminfo.ticker;
  return { hash: datasetHash(symbol, timeframe, bars), symbol, timeframe, from: bars.time[0]!, to: bars.time[bars.length - 1]!, bars: bars.length, createdAt: Date.now() };
}
