// Thin shells around the app: `startServer` (API + embedded worker pool, or API in front of BullMQ
// workers) and `startWorker` (a distributed worker process). Both open storage, then start jobs,
// then listen; `close()` undoes it in reverse order.
import { mkdirSync } from 'node:fs';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig, type ConfigInput, type ServerConfig } from './config.js';
import { createMarketData } from './engine/data-adapter.js';
import { librarySources } from './engine/library-dirs.js';
import { createPineEngine } from './engine/pine-adapter.js';
import type { MarketData, ScriptEngine } from './engine/types.js';
import { BullQueue } from './jobs/bullmq-queue.js';
import { startDistributedWorker, type WorkerTiming } from './jobs/bullmq-worker.js';
import { builtinKinds } from './jobs/builtin-kinds.js';
import { EmbeddedQueue } from './jobs/embedded-queue.js';
import { LOCAL_KINDS, RoutedQueue } from './jobs/routed-queue.js';
import type { ExecutorDeps, JobKind } from './jobs/kinds.js';
import { ThreadPool } from './jobs/thread-runner.js';
import { fromPino, jsonLogger, loggerOptions } from './logging.js';
import type { AppServices } from './services.js';
import { openStore } from './store/index.js';

export interface StartOptions {
  /** Extra job kinds (tests register infrastructure-only kinds here). */
  extraKinds?: JobKind[];
  logger?: FastifyServerOptions['logger'];
  /** Replace the adapters (only for embedding; the defaults are the real packages). */
  engine?: ScriptEngine;
  market?: MarketData;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  config: ServerConfig;
  services: AppServices;
  close(): Promise<void>;
}

export async function startServer(input: Partial<ConfigInput> = {}, opts: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(process.env, input);
  mkdirSync(config.home, { recursive: true });
  // Read before anything opens, so a bad library directory fails the start cleanly.
  const libraries = librarySources(config.libraryDirs);
  const store = await openStore(config);
  const engine = opts.engine ?? createPineEngine({ librarySources: libraries });
  const market = opts.market ?? createMarketData(config);
  // Opening the market store loads the demo series when configured; do it before serving so the
  // first request already sees them.
  if (config.demoData) await market.listSymbols();
  const pool = new ThreadPool(config.concurrency);
  const deps: ExecutorDeps = { store, market, config, engine, librarySources: libraries, pool, log: jsonLogger(config.logLevel) };

  const kinds = builtinKinds(opts.extraKinds);
  const queue =
    config.mode === 'embedded'
      ? new EmbeddedQueue(deps, kinds)
      : new RoutedQueue(new BullQueue(store, config, (...a) => deps.log(...a)), new EmbeddedQueue(deps, kinds, LOCAL_KINDS));
  const services: AppServices = { config, store, queue, engine, market };
  const app = await buildApp(services, { logger: opts.logger ?? loggerOptions(config.logLevel) });
  deps.log = fromPino(app.log);
  await queue.start();
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    app,
    url: `http://${host}:${port}`,
    config,
    services,
    close: async () => {
      await app.close();
      await queue.close();
      await pool.close();
      await market.close();
      await store.close();
    },
  };
}

export interface RunningWorker {
  name: string;
  config: ServerConfig;
  close(): Promise<void>;
}

/** A distributed worker: PostgreSQL for state/results, Redis for delivery. */
export async function startWorker(input: Partial<ConfigInput> = {}, opts: StartOptions & { timing?: WorkerTiming } = {}): Promise<RunningWorker> {
  const config = loadConfig(process.env, { ...input, mode: 'distributed' });
  const libraries = librarySources(config.libraryDirs);
  const store = await openStore(config);
  const market = opts.market ?? createMarketData(config);
  const engine = opts.engine ?? createPineEngine({ librarySources: libraries });
  const log = jsonLogger(config.logLevel, { component: 'worker' });
  const pool = new ThreadPool(config.concurrency);
  const deps: ExecutorDeps = { store, market, config, engine, librarySources: libraries, pool, log };
  const worker = startDistributedWorker(deps, builtinKinds(opts.extraKinds), opts.timing);
  log('info', `pineback worker ${worker.name} started (concurrency ${config.concurrency}, queue prefix ${config.queuePrefix})`);
  return {
    name: worker.name,
    config,
    close: async () => {
      await worker.close();
      await pool.close();
      await market.close();
      await store.close();
    },
  };
}
