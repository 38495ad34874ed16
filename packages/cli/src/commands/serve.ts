// `pineback serve [--port N] [--host H] [--lib DIR]...`: the HTTP API, the embedded worker pool (or, with
// PINEBACK_MODE=distributed, the API in front of `pineback worker` processes) and the web app,
// storing under $PINEBACK_HOME. Settings come from PINEBACK_* variables (see packages/server
// config.ts); flags override them. Stops gracefully on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the backtest service: HTTP API, job workers and the web app')
    .option('--port <n>', 'TCP port (default 7420, or PINEBACK_PORT)', parsePort)
    .option('--host <h>', 'interface to bind (default 127.0.0.1; other hosts need PINEBACK_API_TOKENS)')
    .option('--concurrency <n>', 'jobs run at once by the embedded pool', (v) => parsePort(v))
    .option('--no-demo-data', 'do not load the shipped demo series (SPY, BTC/USD) into the store on start')
    .option('--lib <dir>', 'directory of Pine library sources that `import author/Name/version` resolves to (repeatable; added before PINEBACK_LIBRARY_DIRS and $PINEBACK_HOME/libraries)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .action(async (opts: { port?: number; host?: string; concurrency?: number; demoData: boolean; lib: string[] }) => {
      const server = await loadServerPackage();
      const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));
      const running = await server.startServer({
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        ...(opts.lib.length ? { libraryDirs: opts.lib } : {}),
        demoData: opts.demoData && process.env.PINEBACK_DEMO_DATA !== '0',
        ...(!process.env.PINEBACK_WEB_DIST && existsSync(webDist) ? { webDist } : {}),
      });
      process.stderr.write(`pineback serve: ${running.url} (${running.config.mode} mode, data in ${running.config.home}); API docs at ${running.url}/api/docs\n`);
      stopOnSignals(() => running.close());
    });
}

// --- Shared with worker.ts: loading the server package and process lifecycle. ---
// The import is dynamic so the other commands start without loading Fastify, BullMQ and the
// database drivers; the interface is the part of @pineback/server's surface serve/worker use.

export interface ServerPackage {
  startServer(config: Record<string, unknown>): Promise<{ url: string; config: { mode: string; home: string }; close(): Promise<void> }>;
  startWorker(config: Record<string, unknown>): Promise<{ name: string; config: { concurrency: number; queuePrefix: string }; close(): Promise<void> }>;
}

export async function loadServerPackage(): Promise<ServerPackage> {
  const specifier: string = '@pineback/server';
  return (await import(specifier)) as ServerPackage;
}

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected an integer 0–65535, got "${v}"`);
  return n;
}

/** Closes once on the first SIGINT/SIGTERM; a second signal exits at once. */
export function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`${sig}: shutting down\n`);
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
