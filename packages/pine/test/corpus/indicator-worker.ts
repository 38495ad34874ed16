// Worker-thread entry for indicators-run.test.ts: runs each script path it is sent and posts the result.
// A message is a path (run with the worker's default limits) or { file, limits }.
import { parentPort, workerData } from 'node:worker_threads';
import { runIndicator, type RunnerLimits } from './indicator-runner.js';

const { limits } = workerData as { limits: RunnerLimits };
parentPort!.on('message', (job: string | { file: string; limits: RunnerLimits } | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(typeof job === 'string' ? runIndicator(job, limits) : runIndicator(job.file, job.limits));
});
