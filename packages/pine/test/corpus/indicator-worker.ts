// Worker-thread entry for indicators-run.test.ts: runs each script path it is sent and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { runIndicator, type RunnerLimits } from './indicator-runner.js';

const { limits } = workerData as { limits: RunnerLimits };
parentPort!.on('message', (file: string | null) => {
  if (file === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(runIndicator(file, limits));
});
