// Results of in-browser runs, kept in memory for this tab (ids "local-1", "local-2"…), with the bars
// they ran on so the chart needs no server.
import { shallowReactive } from 'vue';
import type { BacktestRequest, RunResult } from '../api/types.js';
import type { LocalBars } from '../worker/protocol.js';

export interface LocalRun { id: string; createdAt: number; request: BacktestRequest; result: RunResult; bars: LocalBars }

const runs = shallowReactive(new Map<string, LocalRun>());
let next = 1;

export function useLocalResults() {
  const add = (r: Omit<LocalRun, 'id' | 'createdAt'>): string => {
    const id = `local-${next++}`;
    runs.set(id, { ...r, id, createdAt: Date.now() });
    return id;
  };
  return { runs, add, get: (id: string) => runs.get(id) };
}
