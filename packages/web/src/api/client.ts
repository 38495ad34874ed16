// The one place the web app talks HTTP. Every path, method and body shape the app relies on is here,
// mirroring packages/server/src/routes/*.ts (prefix /api). Errors become ApiError with the server's
// ErrorBody (message, code, details such as script diagnostics).
import type {
  BacktestRequest, BacktestView, BarsPage, CompareResponse, Coverage, DownloadRequest, Health, Iteration, JobAccepted,
  JobEvent, JobView, OptimizationRequest, OptimizationView, Page, StrategyDetail, StrategySummary, StrategyVersion, SubmitResponse, ValidateResponse,
} from './types.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string, readonly details?: Record<string, unknown>[]) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  base?: string;
  fetch?: typeof fetch;
  token?: string;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export class ApiClient {
  private readonly base: string;
  private readonly doFetch: typeof fetch;
  private readonly token: string | undefined;

  constructor(opts: ApiClientOptions = {}) {
    this.base = (opts.base ?? '').replace(/\/$/, '');
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.token = opts.token;
  }

  url(path: string, q?: Query): string {
    return `${this.base}/api${path}${queryString(q)}`;
  }

  private async request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; form?: FormData; text?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: BodyInit | undefined;
    if (opts.form) body = opts.form;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await this.doFetch(this.url(path, opts.query), { method, headers, body });
    if (!res.ok) {
      let err: { message?: string; code?: string; details?: Record<string, unknown>[] } = {};
      try {
        err = (await res.json()) as typeof err;
      } catch {
        /* not JSON: keep the status text */
      }
      throw new ApiError(res.status, err.message ?? `${res.status} ${res.statusText}`, err.code, err.details);
    }
    if (res.status === 204) return undefined as T;
    return (opts.text ? await res.text() : await res.json()) as T;
  }

  // --- system
  health(): Promise<Health> { return this.request('GET', '/health'); }

  // --- strategies
  validate(source: string): Promise<ValidateResponse> { return this.request('POST', '/strategies/validate', { body: { source } }); }
  listStrategies(q: { q?: string; limit?: number; offset?: number } = {}): Promise<Page<StrategySummary>> { return this.request('GET', '/strategies', { query: q }); }
  /** 409 when the name is taken. */
  createStrategy(name: string, source: string): Promise<StrategyVersion> { return this.request('POST', '/strategies', { body: { name, source } }); }
  /** Saves the source as a new version. */
  updateStrategy(id: string, source: string): Promise<StrategyVersion> { return this.request('PUT', `/strategies/${encodeURIComponent(id)}`, { body: { source } }); }
  getStrategy(id: string): Promise<StrategyDetail> { return this.request('GET', `/strategies/${encodeURIComponent(id)}`); }
  deleteStrategy(id: string): Promise<void> { return this.request('DELETE', `/strategies/${encodeURIComponent(id)}`); }

  // --- backtests
  submitBacktest(req: BacktestRequest): Promise<SubmitResponse> { return this.request('POST', '/backtests', { body: req }); }
  getBacktest(id: string): Promise<BacktestView> { return this.request('GET', `/backtests/${encodeURIComponent(id)}`); }
  listBacktests(q: { status?: string; label?: string; strategyId?: string; limit?: number; offset?: number } = {}): Promise<Page<BacktestView>> {
    return this.request('GET', '/backtests', { query: q });
  }
  cancelBacktest(id: string): Promise<{ id: string; status: string }> { return this.request('POST', `/backtests/${encodeURIComponent(id)}/cancel`); }
  deleteBacktest(id: string): Promise<void> { return this.request('DELETE', `/backtests/${encodeURIComponent(id)}`); }
  tradesCsvUrl(id: string, run = 0): string { return this.url(`/backtests/${encodeURIComponent(id)}/trades.csv`, { run }); }
  tradesJsonUrl(id: string, run = 0): string { return this.url(`/backtests/${encodeURIComponent(id)}/trades.json`, { run }); }
  tradesCsv(id: string, run = 0): Promise<string> { return this.request('GET', `/backtests/${encodeURIComponent(id)}/trades.csv`, { query: { run }, text: true }); }
  /** ids: "id" or "id:run" entries, 2–20 of them. */
  compare(ids: string[]): Promise<CompareResponse> { return this.request('GET', '/backtests/compare', { query: { ids: ids.join(',') } }); }

  // --- optimisations
  submitOptimization(req: OptimizationRequest): Promise<JobAccepted> { return this.request('POST', '/optimizations', { body: req }); }
  getOptimization(id: string): Promise<OptimizationView> { return this.request('GET', `/optimizations/${encodeURIComponent(id)}`); }
  listOptimizations(q: { limit?: number; offset?: number } = {}): Promise<Page<OptimizationView>> { return this.request('GET', '/optimizations', { query: q }); }
  iterations(id: string, q: { limit?: number; offset?: number } = {}): Promise<Page<Iteration>> {
    return this.request('GET', `/optimizations/${encodeURIComponent(id)}/iterations`, { query: q });
  }
  cancelOptimization(id: string): Promise<unknown> { return this.request('POST', `/optimizations/${encodeURIComponent(id)}/cancel`); }

  // --- market data
  symbols(): Promise<{ items: Coverage[] }> { return this.request('GET', '/data/symbols'); }
  bars(q: { symbol: string; timeframe: string; from?: number; to?: number; cursor?: number | null; limit?: number; direction?: 'forward' | 'backward'; before?: number | null }): Promise<BarsPage> {
    return this.request('GET', '/data/bars', { query: q });
  }
  importCsv(file: Blob, filename: string, q: { symbol: string; timeframe?: string; timezone?: string; currency?: string }): Promise<JobAccepted> {
    const form = new FormData();
    form.append('file', file, filename);
    return this.request('POST', '/data/import', { query: q, form });
  }
  download(req: DownloadRequest): Promise<JobAccepted> { return this.request('POST', '/data/downloads', { body: req }); }

  // --- jobs
  job(id: string): Promise<JobView> { return this.request('GET', `/jobs/${encodeURIComponent(id)}`); }
  cancelJob(id: string): Promise<unknown> { return this.request('POST', `/jobs/${encodeURIComponent(id)}/cancel`); }
  jobEventsUrl(id: string): string { return this.url(`/jobs/${encodeURIComponent(id)}/events`); }
}

/** Follows a job with Server-Sent Events (event: progress | end), falling back to polling `poll`. */
export function followJob(client: ApiClient, id: string, onEvent: (e: JobEvent) => void, poll: () => Promise<JobEvent>): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const terminal = (s: string): boolean => s === 'done' || s === 'failed' || s === 'cancelled';
  const startPolling = (): void => {
    const tick = async (): Promise<void> => {
      if (stopped) return;
      try {
        const e = await poll();
        onEvent(e);
        if (terminal(e.status)) return;
      } catch {
        /* transient: try again */
      }
      timer = setTimeout(() => void tick(), 700);
    };
    void tick();
  };
  if (typeof EventSource !== 'undefined') {
    source = new EventSource(client.jobEventsUrl(id));
    source.addEventListener('progress', (m) => {
      const e = JSON.parse((m as MessageEvent<string>).data) as JobEvent;
      onEvent(e);
      if (terminal(e.status)) source?.close();
    });
    source.addEventListener('end', () => source?.close());
    source.onerror = () => {
      source?.close();
      source = null;
      if (!stopped) startPolling();
    };
  } else startPolling();
  return () => {
    stopped = true;
    source?.close();
    if (timer) clearTimeout(timer);
  };
}

export const api = new ApiClient();
