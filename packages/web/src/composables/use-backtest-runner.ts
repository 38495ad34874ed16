// Submitting a backtest and following it: on the server (POST /api/backtests, progress via SSE) or in
// the browser worker for quick runs. Exposes progress, status and cancel for the run panel.
import { ref } from 'vue';
import { api, followJob } from '../api/client.js';
import type { BacktestRequest, JobStatus } from '../api/types.js';
import { compiler } from '../worker/compiler-client.js';
import type { LocalBars } from '../worker/protocol.js';
import { useLocalResults } from './use-local-results.js';

export async function fetchAllBars(symbol: string, timeframe: string, range: BacktestRequest['range'], maxBars = 200_000): Promise<LocalBars> {
  const out: LocalBars = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  let cursor: number | null = null;
  const from = typeof range?.from === 'string' ? Date.parse(range.from) : range?.from;
  const to = typeof range?.to === 'string' ? Date.parse(range.to) : range?.to;
  for (;;) {
    const p = await api.bars({ symbol, timeframe, from, to, cursor, limit: 50_000 });
    for (const k of ['time', 'open', 'high', 'low', 'close'] as const) for (const v of p[k]) out[k].push(v);
    for (const v of p.volume) out.volume.push(v);
    cursor = p.nextCursor;
    if (cursor === null || p.time.length === 0 || out.time.length >= maxBars) return out;
  }
}

export function useBacktestRunner() {
  const status = ref<JobStatus | 'idle'>('idle');
  const progress = ref(0);
  const message = ref<string | null>(null);
  const error = ref<string | null>(null);
  const jobId = ref<string | null>(null);
  let stopFollow: (() => void) | null = null;
  let local = false;
  const localResults = useLocalResults();

  const reset = (): void => {
    status.value = 'queued';
    progress.value = 0;
    message.value = null;
    error.value = null;
    jobId.value = null;
  };

  /** Resolves with the backtest id once the job is done (or rejects with its error). */
  async function submit(req: BacktestRequest): Promise<string> {
    reset();
    local = false;
    try {
      const sub = await api.submitBacktest(req);
      jobId.value = sub.id;
      if (sub.status === 'done') {
        status.value = 'done';
        progress.value = 100;
        return sub.id;
      }
      return await new Promise<string>((resolve, reject) => {
        stopFollow = followJob(api, sub.id, (e) => {
          status.value = e.status;
          progress.value = e.progress;
          message.value = e.message;
          if (e.status === 'done') resolve(sub.id);
          else if (e.status === 'failed') reject(new Error(e.error ?? 'the backtest failed'));
          else if (e.status === 'cancelled') reject(new Error('cancelled'));
        }, async () => {
          const v = await api.getBacktest(sub.id);
          return { id: v.id, status: v.status, progress: v.progress, message: v.message, error: v.error };
        });
      });
    } catch (err) {
      status.value = status.value === 'cancelled' ? 'cancelled' : 'failed';
      error.value = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      stopFollow?.();
      stopFollow = null;
    }
  }

  /** Quick run in the browser: fetches the first symbol/timeframe's bars and runs the worker. */
  async function runLocally(req: BacktestRequest & { script: string }): Promise<string> {
    reset();
    local = true;
    status.value = 'running';
    try {
      message.value = 'loading bars';
      const symbol = req.symbols[0]!;
      const timeframe = req.timeframes[0]!;
      const bars = await fetchAllBars(symbol, timeframe, req.range);
      if (!bars.time.length) throw new Error(`no bars stored for ${symbol} ${timeframe}`);
      message.value = `running on ${bars.time.length.toLocaleString('en-US')} bars`;
      const result = await compiler.run(
        { source: req.script, bars, symbol, timeframe, settings: req.settings ?? {}, inputs: req.inputs ?? {} },
        (done, total) => (progress.value = Math.round((done / Math.max(1, total)) * 100)),
      );
      status.value = 'done';
      progress.value = 100;
      return localResults.add({ request: req, result, bars });
    } catch (err) {
      if ((status.value as string) !== 'cancelled') status.value = 'failed';
      error.value = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  async function cancel(): Promise<void> {
    if (local) {
      status.value = 'cancelled';
      compiler.terminate();
      return;
    }
    if (jobId.value) {
      status.value = 'cancelled';
      await api.cancelBacktest(jobId.value).catch(() => undefined);
    }
  }

  return { status, progress, message, error, jobId, submit, runLocally, cancel };
}
