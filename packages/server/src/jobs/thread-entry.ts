// Body of a pooled job worker thread: waits for 'run' messages, imports the kind's module (cached
// after the first job, so the engine loads once per thread), runs it, and reports progress, events
// and the outcome. 'cancel' aborts the running job's signal; the pool terminates the thread if the
// job does not stop by itself. One job at a time per thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { JobLimits } from '../config.js';
import { isPermanent } from './failure.js';
import type { ThreadJobModule } from './kinds.js';

export interface RunMessage {
  t: 'run';
  module: string;
  input: unknown;
  attempt: number;
  limits: JobLimits;
}

export type ThreadMessage =
  | { t: 'progress'; percent: number; message?: string }
  | { t: 'event'; event: string; data: unknown }
  | { t: 'done'; result: unknown }
  | { t: 'error'; name: string; message: string; permanent: boolean };

void workerData;
const port = parentPort!;
let current: AbortController | null = null;
const post = (m: ThreadMessage): void => port.postMessage(m);

async function runJob(m: RunMessage): Promise<void> {
  const controller = (current = new AbortController());
  try {
    const mod = (await import(m.module)) as Partial<ThreadJobModule>;
    if (typeof mod.run !== 'function') throw new Error(`job module ${m.module} does not export run()`);
    const result = await mod.run(m.input, {
      signal: controller.signal,
      attempt: m.attempt,
      limits: m.limits,
      progress: (percent, message) => post({ t: 'progress', percent, message }),
      emit: (event, d) => post({ t: 'event', event, data: d }),
    });
    post({ t: 'done', result });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ t: 'error', name: e.name, message: e.message, permanent: isPermanent(e) });
  } finally {
    current = null;
  }
}

port.on('message', (m: RunMessage | { t: 'cancel' }) => {
  if (m.t === 'cancel') current?.abort();
  else if (m.t === 'run') void runJob(m);
});
