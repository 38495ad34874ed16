// The service container the routes use: configuration, store, queue and the engine adapter.
import type { ServerConfig } from './config.js';
import type { MarketData, ScriptEngine } from './engine/types.js';
import type { JobQueue } from './jobs/types.js';
import type { Store } from './store/index.js';

export interface AppServices {
  config: ServerConfig;
  store: Store;
  queue: JobQueue;
  engine: ScriptEngine;
  market: MarketData;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}
