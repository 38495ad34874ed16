// Loads what the results page shows for one id: a server backtest (following it while it runs) or a
// local in-browser run; then the chart bars for the selected run, progressively (latest first).
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { api, followJob } from '../api/client.js';
import type { BacktestRequest, BacktestView, RunResult } from '../api/types.js';
import type { BarColumnsLike } from '../chart/convert.js';
import { loadLatestFirst } from '../chart/progressive-bars.js';
import { useLocalResults } from './use-local-results.js';

export function useBacktestResult(id: Ref<string | null>) {
  const view = ref<BacktestView | null>(null);
  const runs = shallowRef<RunResult[]>([]);
  const request = ref<BacktestRequest | null>(null);
  const error = ref<string | null>(null);
  const runIndex = ref(0);
  const bars = shallowRef<BarColumnsLike | null>(null);
  const barsLoading = ref(false);
  const local = useLocalResults();
  let stop: (() => void) | null = null;
  let barsToken = { aborted: false };

  async function loadServer(bid: string): Promise<void> {
    const v = await api.getBacktest(bid);
    view.value = v;
    request.value = v.request as BacktestRequest;
    if (v.status === 'done') {
      runs.value = v.result?.runs ?? [];
      return;
    }
    if (v.status === 'queued' || v.status === 'running') {
      stop = followJob(api, bid, (e) => {
        if (view.value) view.value = { ...view.value, status: e.status, progress: e.progress, message: e.message, error: e.error };
        if (e.status === 'done' || e.status === 'failed' || e.status === 'cancelled') void loadServer(bid);
      }, async () => {
        const x = await api.getBacktest(bid);
        return { id: x.id, status: x.status, progress: x.progress, message: x.message, error: x.error };
      });
    }
  }

  async function loadBars(): Promise<void> {
    barsToken.aborted = true;
    barsToken = { aborted: false };
    const token = barsToken;
    bars.value = null;
    const bid = id.value;
    const r = runs.value[runIndex.value];
    if (!bid || !r) return;
    const l = local.get(bid);
    if (l) {
      bars.value = l.bars;
      return;
    }
    const range = request.value?.range ?? {};
    const ms = (t: number | string | undefined): number | undefined => (t === undefined ? undefined : typeof t === 'number' ? t : Date.parse(t));
    barsLoading.value = true;
    try {
      // Latest bars first (what the chart opens on), then older history in the background.
      await loadLatestFirst({
        fetchPage: (before, limit) => api.bars({ symbol: r.symbol, timeframe: r.timeframe, from: ms(range.from), to: ms(range.to), direction: 'backward', before, limit }),
        onData: (b, done) => {
          if (token.aborted) return;
          bars.value = b;
          if (done) barsLoading.value = false;
        },
        signal: token,
      });
    } catch (err) {
      if (!token.aborted) error.value = `bars: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      if (!token.aborted) barsLoading.value = false;
    }
  }

  async function load(): Promise<void> {
    stop?.();
    stop = null;
    view.value = null;
    runs.value = [];
    error.value = null;
    runIndex.value = 0;
    const bid = id.value;
    if (!bid) return;
    const l = local.get(bid);
    if (l) {
      runs.value = [l.result];
      request.value = l.request;
      return;
    }
    try {
      await loadServer(bid);
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  watch(id, load, { immediate: true });
  watch([runs, runIndex], loadBars);

  const cancel = async (): Promise<void> => {
    if (id.value) await api.cancelBacktest(id.value).catch(() => undefined);
  };
  const result = computed(() => runs.value[runIndex.value] ?? null);
  const source = computed(() => request.value?.script ?? '');
  return { view, runs, runIndex, result, request, source, error, bars, barsLoading, cancel, isLocal: computed(() => !!id.value && !!local.get(id.value)) };
}
