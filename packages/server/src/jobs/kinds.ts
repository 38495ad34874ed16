// Job kinds: what a job of each kind does, split by where it runs. `prepare` and `inline` run on the
// executor's main thread (they may do I/O: load bars, download); `threadModule` runs in a worker
// thread under the per-job resource limits; `complete` persists the result before the job is done.
import type { JobLimits, ServerConfig } from '../config.js';
import type { MarketData, ScriptEngine } from '../engine/types.js';
import type { Store } from '../store/index.js';
import type { ThreadPool } from './thread-runner.js';
import type { JobRecord } from './types.js';

export interface ExecutorDeps {
  store: Store;
  market: MarketData;
  config: ServerConfig;
  /** Used by inline kinds that need compile-only services (e.g. validation before a download). */
  engine: ScriptEngine;
  /** Pine library sources (read from config.libraryDirs at start), handed to job threads as plain data. */
  librarySources?: readonly string[];
  /** Worker threads that run thread-module kinds. */
  pool: ThreadPool;
  log(level: 'info' | 'warn' | 'error', message: string, err?: unknown): void;
}

/** Given to job code wherever it runs. */
export interface JobContext {
  signal: AbortSignal;
  /** The attempt number (1 = first run). */
  attempt: number;
  limits: JobLimits;
  progress(percent: number, message?: string): void;
  /** Streams an intermediate record (e.g. one optimisation iteration) to the kind's `onEvent`. */
  emit(event: string, data: unknown): void;
}

/** The shape of a module named by `threadModule`. */
export interface ThreadJobModule {
  run(input: unknown, ctx: JobContext): Promise<unknown>;
}

export interface JobKind {
  name: string;
  prepare?(deps: ExecutorDeps, job: JobRecord): Promise<unknown>;
  threadModule?: URL;
  inline?(deps: ExecutorDeps, job: JobRecord, input: unknown, ctx: JobContext): Promise<unknown>;
  onEvent?(deps: ExecutorDeps, job: JobRecord, event: string, data: unknown): Promise<void>;
  /** Persists the outcome; its return value is what the job record keeps as `result`. */
  complete?(deps: ExecutorDeps, job: JobRecord, result: unknown): Promise<unknown>;
}

export type KindRegistry = ReadonlyMap<string, JobKind>;

export function kindRegistry(kinds: readonly JobKind[]): KindRegistry {
  const m = new Map<string, JobKind>();
  for (const k of kinds) {
    if (m.has(k.name)) throw new Error(`job kind "${k.name}" registered twice`);
    if (!k.threadModule && !k.inline) throw new Error(`job kind "${k.name}" has neither threadModule nor inline`);
    m.set(k.name, k);
  }
  return m;
}
