// Loaded datasets kept between requests, so a submission (which hashes the bars to find an identical
// earlier run) and its job (which runs on them) do not both read and hash the same bars, and a burst
// of submissions on one series reads it once. An entry is only reused while its source series looks
// unchanged (bar count and recorded coverage: the `fingerprint`) and is younger than `ttlMs`, which
// bounds how long a write that keeps both (values corrected in place, by another process) can go
// unseen; writes through this process clear the cache outright.
import type { BarColumns } from '@pineback/pine';

export interface CachedDataset {
  /** The stored timeframe the bars were read (and maybe resampled) from. */
  source: string;
  fingerprint: string;
  bars: BarColumns;
  hash: string;
  /** The dataset record exists in the store (written once per entry). */
  recorded: boolean;
  loadedAt: number;
}

export interface DatasetCacheOptions {
  maxEntries: number;
  /** Bars held across all entries (each bar is 48 bytes). */
  maxBars: number;
  ttlMs: number;
  now?: () => number;
}

export const DEFAULT_DATASET_CACHE: DatasetCacheOptions = { maxEntries: 8, maxBars: 2_000_000, ttlMs: 60_000 };

export class DatasetCache {
  /** Insertion order = recency (a hit is re-inserted), so the first key is the least recently used. */
  private readonly entries = new Map<string, CachedDataset>();
  private bars = 0;
  private readonly now: () => number;

  constructor(private readonly opts: DatasetCacheOptions = DEFAULT_DATASET_CACHE) {
    this.now = opts.now ?? Date.now;
  }

  /** A live entry for `key` (fingerprint not checked here), or null. */
  get(key: string): CachedDataset | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.entries.delete(key);
    if (this.now() - e.loadedAt > this.opts.ttlMs) {
      this.bars -= e.bars.length;
      return null;
    }
    this.entries.set(key, e);
    return e;
  }

  set(key: string, e: Omit<CachedDataset, 'loadedAt'>): CachedDataset {
    this.delete(key);
    const entry: CachedDataset = { ...e, loadedAt: this.now() };
    if (e.bars.length > this.opts.maxBars) return entry;
    this.entries.set(key, entry);
    this.bars += e.bars.length;
    while (this.entries.size > this.opts.maxEntries || this.bars > this.opts.maxBars) this.delete(this.entries.keys().next().value!);
    return entry;
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bars -= e.bars.length;
  }

  clear(): void {
    this.entries.clear();
    this.bars = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
