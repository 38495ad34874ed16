// `pineback worker`: a distributed job worker. Takes jobs from BullMQ on Redis (PINEBACK_REDIS_URL)
// and stores results in PostgreSQL (PINEBACK_DATABASE_URL); run as many as you like on any machine.
import type { Command } from 'commander';
import { loadServerPackage, parsePort, stopOnSignals } from './serve.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Start a distributed job worker (needs PINEBACK_DATABASE_URL and PINEBACK_REDIS_URL)')
    .option('--concurrency <n>', 'jobs run at once by this worker', parsePort)
    .action(async (opts: { concurrency?: number }) => {
      const server = await loadServerPackage();
      const w = await server.startWorker(opts.concurrency ? { concurrency: opts.concurrency } : {});
      process.stderr.write(`pineback worker ${w.name}: concurrency ${w.config.concurrency}, queue prefix ${w.config.queuePrefix}\n`);
      stopOnSignals(() => w.close());
    });
}
