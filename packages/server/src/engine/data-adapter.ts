// MarketData backed by packages/data: the BarStore (DuckDB file $PINEBACK_HOME/data.duckdb — the same
// file `pineback data …` writes — or PostgreSQL when a database URL is configured), resampling from
// a stored lower timeframe when the requested one is not stored, dataset hashing, CSV import and the
// ccxt gap-filling download. The store is opened on first use. Loaded datasets (bars + hash) are
// cached between a submission and its job, and across submissions (see dataset-cache.ts).
import { join } from 'node:path';
import type { BarColumns } from '@pineback/pine';
import {
  bucketFunction, createExchange, datasetHash, ensureDemoData, fillGaps, formatSymbolId, importFile, mergeRanges, openStore,
  parseSymbolId, parseTimeframe, resample, sliceBars, timeframeMs, toSymbolInfo, normalizeTimeframe,
  type BarStore, type SeriesSummary,
} from '@pineback/data';
import type { ServerConfig } from '../config.js';
import { DatasetCache, type CachedDataset } from './dataset-cache.js';
import { shareBars } from './shared-bars.js';
import { UnknownSymbolError, type BarsPage, type BarsPageBefore, type DateRange, type Gap, type LoadedBars, type MarketData, type SymbolCoverage } from './types.js';

/** A request the data cannot satisfy as given (bad symbol id, bad file): permanent, shown as 400. */
export class DataRequestError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'DataRequestError';
  }
}

function canonicalSymbol(symbol: string, timeframe: string): string {
  try {
    return formatSymbolId(parseSymbolId(symbol));
  } catch {
    throw new UnknownSymbolError(symbol, timeframe, `unknown symbol "${symbol}": symbols are EXCHANGE:TICKER, e.g. BINANCE:BTCUSDT`);
  }
}

function canonicalTimeframe(tf: string): string {
  try {
    return normalizeTimeframe(tf);
  } catch (err) {
    throw new DataRequestError(err instanceof Error ? err.message : String(err));
  }
}

/** Holes between recorded coverage ranges. */
export function coverageGaps(ranges: readonly { from: number; to: number }[]): Gap[] {
  const merged = mergeRanges(ranges);
  const gaps: Gap[] = [];
  for (let i = 1; i < merged.length; i++) gaps.push({ from: merged[i - 1]!.to, to: merged[i]!.from });
  return gaps;
}

/** The stored series to read for `tf`: the exact one, else the coarsest lower timeframe that divides it. */
export function pickSource(stored: readonly SeriesSummary[], tf: string): SeriesSummary | null {
  const exact = stored.find((s) => s.timeframe === tf);
  if (exact) return exact;
  const target = parseTimeframe(tf);
  const targetMs = timeframeMs(target);
  const intradayTarget = target.unit === 'second' || target.unit === 'minute';
  let best: SeriesSummary | null = null;
  for (const s of stored) {
    const ms = timeframeMs(s.timeframe);
    if (ms >= targetMs) continue;
    if (intradayTarget && targetMs % ms !== 0) continue;
    const u = parseTimeframe(s.timeframe).unit;
    if (!intradayTarget && u !== 'second' && u !== 'minute' && u !== 'day') continue;
    if (!best || ms > timeframeMs(best.timeframe)) best = s;
  }
  return best;
}

export function createMarketData(config: Pick<ServerConfig, 'home' | 'databaseUrl' | 'dataSchema'> & { demoData?: boolean }): MarketData {
  let opening: Promise<BarStore> | null = null;
  const store = (): Promise<BarStore> => {
    opening ??= openStore(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, schema: config.dataSchema }
        : { kind: 'duckdb', path: join(config.home, 'data.duckdb') },
      {},
    ).then(async (opened) => {
      // First start: the shipped demo series, so a newcomer can run a template at once.
      if (config.demoData) await ensureDemoData(opened);
      return opened;
    });
    // A failed open (database down, file locked by another process) is retried on the next call.
    opening.catch(() => (opening = null));
    return opening;
  };

  async function seriesOf(symbol: string): Promise<SeriesSummary[]> {
    return (await (await store()).listSeries()).filter((s) => s.symbol === symbol);
  }

  /** The stored series that symbol × tf is read from (see pickSource); throws UnknownSymbolError when there is none. */
  async function sourceOf(symbolIn: string, tfIn: string): Promise<{ symbol: string; tf: string; src: SeriesSummary }> {
    const symbol = canonicalSymbol(symbolIn, tfIn);
    const tf = canonicalTimeframe(tfIn);
    const src = pickSource(await seriesOf(symbol), tf);
    if (!src) throw new UnknownSymbolError(symbolIn, tfIn);
    return { symbol, tf, src };
  }

  /** Bars of symbol × tf in [from, to), read natively or resampled; throws UnknownSymbolError when there are none. */
  async function read(symbolIn: string, tfIn: string, range: DateRange, from?: Awaited<ReturnType<typeof sourceOf>>): Promise<{ symbol: string; tf: string; bars: BarColumns }> {
    const { symbol, tf, src } = from ?? (await sourceOf(symbolIn, tfIn));
    const s = await store();
    const raw = await s.readBars(symbol, src.timeframe, { from: range.from, to: range.to });
    if (src.timeframe === tf) return { symbol, tf, bars: raw };
    const rec = await s.getSymbol(symbol);
    return { symbol, tf, bars: resample(raw, tf, { timezone: rec?.timezone ?? 'Etc/UTC' }) };
  }

  const datasets = new DatasetCache();
  const loading = new Map<string, Promise<CachedDataset>>();

  /** Cheap to read on every cache hit, and changed by any write that adds bars or coverage to the series. */
  async function fingerprint(symbol: string, timeframe: string): Promise<string> {
    const s = await store();
    return `${await s.countBars(symbol, timeframe)} ${JSON.stringify(await s.getRanges(symbol, timeframe))}`;
  }

  /** Bars of symbol × tf in range with their dataset hash: cached while the source series is unchanged. */
  async function dataset(symbolIn: string, tfIn: string, range: DateRange): Promise<{ symbol: string; tf: string; ds: CachedDataset }> {
    const symbol = canonicalSymbol(symbolIn, tfIn);
    const tf = canonicalTimeframe(tfIn);
    const key = JSON.stringify([symbol, tf, range.from ?? null, range.to ?? null]);
    const hit = datasets.get(key);
    if (hit && (await fingerprint(symbol, hit.source)) === hit.fingerprint) return { symbol, tf, ds: hit };
    // A burst of submissions on one series misses together: they share one read.
    let load = loading.get(key);
    if (!load) {
      load = (async () => {
        const from = await sourceOf(symbol, tf);
        // Taken before the read: a write landing in between makes the entry look stale, never fresh.
        const fp = await fingerprint(symbol, from.src.timeframe);
        const { bars } = await read(symbol, tf, range, from);
        if (bars.length === 0) throw new UnknownSymbolError(symbolIn, tfIn, `no bars for ${symbol} ${tf} in the requested range`);
        return datasets.set(key, { source: from.src.timeframe, fingerprint: fp, bars: shareBars(bars), hash: datasetHash(symbol, tf, bars), recorded: false });
      })().finally(() => loading.delete(key));
      loading.set(key, load);
    }
    return { symbol, tf, ds: await load };
  }

  return {
    async listSymbols(): Promise<SymbolCoverage[]> {
      const s = await store();
      const out: SymbolCoverage[] = [];
      for (const x of await s.listSeries()) {
        out.push({ symbol: x.symbol, timeframe: x.timeframe, first: x.first, last: x.last, bars: x.bars, gaps: coverageGaps(await s.getRanges(x.symbol, x.timeframe)) });
      }
      return out;
    },

    async loadBars(symbolIn, tfIn, range): Promise<LoadedBars> {
      const { symbol, tf, ds } = await dataset(symbolIn, tfIn, range);
      const s = await store();
      const rec = await s.getSymbol(symbol);
      // Datasets are content-addressed and never deleted: a recorded hash needs no second write (or re-hash).
      if (!ds.recorded) {
        if (!(await s.getDataset(ds.hash))) await s.recordDataset(symbol, tf, ds.bars);
        ds.recorded = true;
      }
      return { bars: ds.bars, symbolInfo: toSymbolInfo(rec!, tf), datasetHash: ds.hash };
    },

    async datasetHash(symbolIn, tfIn, range) {
      return (await dataset(symbolIn, tfIn, range)).ds.hash;
    },

    async loadMagnifierBars(symbolIn, chartTf, range) {
      const symbol = canonicalSymbol(symbolIn, chartTf);
      const chartMs = timeframeMs(canonicalTimeframe(chartTf));
      const lower = (await seriesOf(symbol)).filter((x) => timeframeMs(x.timeframe) < chartMs).sort((a, b) => timeframeMs(a.timeframe) - timeframeMs(b.timeframe));
      if (!lower.length) return null;
      // TradingView's magnifier uses the finest available data; the finest stored series it is.
      return (await store()).readBars(symbol, lower[0]!.timeframe, { from: range.from, to: range.to });
    },

    async barsPage(symbolIn, tfIn, range, cursor, limit): Promise<BarsPage> {
      const symbol = canonicalSymbol(symbolIn, tfIn);
      const tf = canonicalTimeframe(tfIn);
      const stored = await seriesOf(symbol);
      const src = pickSource(stored, tf);
      if (!src) throw new UnknownSymbolError(symbolIn, tfIn);
      const rec = await (await store()).getSymbol(symbol);
      const bucket = bucketFunction(tf, { timezone: rec?.timezone ?? 'Etc/UTC' });
      const end = Math.min(range.to ?? Infinity, src.last + 1);
      let from = Math.max(cursor ?? range.from ?? src.first, src.first);
      from = bucket(from) < from && cursor === null ? bucket(from) : from;
      // A window of `limit` bar lengths holds at most `limit` bars (fewer across gaps), so each page
      // reads a bounded slice however long the series is.
      const windowEnd = Math.min(end, from + limit * timeframeMs(tf));
      let { bars } = await read(symbol, tf, { from, to: windowEnd });
      if (bars.length > limit) bars = sliceBars(bars, 0, limit);
      const next = bars.length === limit ? bars.time[limit - 1]! + 1 : windowEnd;
      return { bars, nextCursor: next >= end ? null : next };
    },

    async barsPageBefore(symbolIn, tfIn, range, before, limit): Promise<BarsPageBefore> {
      const symbol = canonicalSymbol(symbolIn, tfIn);
      const tf = canonicalTimeframe(tfIn);
      const src = pickSource(await seriesOf(symbol), tf);
      if (!src) throw new UnknownSymbolError(symbolIn, tfIn);
      const rec = await (await store()).getSymbol(symbol);
      const bucket = bucketFunction(tf, { timezone: rec?.timezone ?? 'Etc/UTC' });
      const start = Math.max(range.from ?? src.first, src.first);
      const end = Math.min(before ?? Infinity, range.to ?? Infinity, src.last + 1);
      // Mirror of barsPage walking backwards: a window of `limit` bar lengths ending at `end`, started
      // on a bucket boundary so a resampled first bar is complete.
      const windowStart = bucket(Math.max(start, end - limit * timeframeMs(tf)));
      let { bars } = await read(symbol, tf, { from: windowStart, to: end });
      if (bars.length > limit) bars = sliceBars(bars, bars.length - limit, bars.length);
      const prev = bars.length === limit ? bars.time[0]! : windowStart;
      return { bars, prevCursor: prev <= start ? null : prev };
    },

    async importCsv(req) {
      try {
        const r = await importFile(await store(), req.path, {
          symbol: req.symbol,
          timeframe: req.timeframe,
          timezone: req.symbolInfo?.timezone,
          symbolInfo: req.symbolInfo,
        });
        return { bars: r.bars };
      } catch (err) {
        if (err instanceof Error && (err.name === 'CsvFormatError' || /symbol must be|timeframe/i.test(err.message))) throw new DataRequestError(err.message);
        throw err;
      } finally {
        // Even a failed import may have written some bars.
        datasets.clear();
      }
    },

    async download(req, onProgress) {
      const from = req.range.from;
      if (from === undefined) throw new DataRequestError('downloads need range.from');
      const to = req.range.to ?? Date.now();
      let exchange;
      try {
        exchange = createExchange(req.exchange);
      } catch (err) {
        throw new DataRequestError(err instanceof Error ? err.message : String(err));
      }
      try {
        const r = await fillGaps(await store(), exchange, {
          symbol: `${req.exchange.toUpperCase()}:${req.symbol}`,
          timeframe: req.timeframe,
          from,
          to,
          onProgress: (p) => onProgress(Math.min(99, ((p.cursor - from) / Math.max(1, to - from)) * 100)),
        });
        return { bars: r.barsStored };
      } finally {
        datasets.clear();
      }
    },

    async close() {
      datasets.clear();
      const o = opening;
      opening = null;
      if (o) await (await o.catch(() => null))?.close();
    },
  };
}
