// Public surface of @pineback/server.
export { buildApp } from './app.js';
export { loadConfig, isLoopbackHost, type ServerConfig, type ConfigInput } from './config.js';
export { startServer, startWorker, type RunningServer, type RunningWorker, type StartOptions } from './server.js';
export type { ScriptEngine, MarketData } from './engine/types.js';
export { LibraryDirError, libraryResolver, librarySources } from './engine/library-dirs.js';
export type { JobKind, JobContext } from './jobs/kinds.js';
