// Shared test helpers: temp homes, unique names for PostgreSQL schemas and Redis prefixes,
// a tiny HTTP client over fetch (real requests against a listening server), and polling.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { startServer, type RunningServer } from '../../src/server.js';
import type { ConfigInput } from '../../src/config.js';
import { testKinds } from '../fixtures/test-kinds.js';

export const PG_URL = process.env.PINEBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.PINEBACK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export function tempHome(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'pineback-server-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function dropPgSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

export async function startEmbedded(overrides: Partial<ConfigInput> = {}): Promise<RunningServer> {
  return startServer(
    { port: 0, logLevel: 'silent', limits: { backoffMs: 100, timeoutMs: 20_000, memoryMb: 128, maxAttempts: 3, maxLoopIterations: 100_000 }, ...overrides },
    { extraKinds: testKinds },
  );
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function http<T = any>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData) init.body = body as RequestInit['body'];
    else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Job state via the API, once it reaches one of `statuses`. */
export async function waitForJob(base: string, id: string, statuses: string[], timeoutMs = 30_000, headers: Record<string, string> = {}): Promise<any> {
  return waitFor(async () => {
    const r = await http(base, 'GET', `/api/jobs/${id}`, undefined, headers);
    return r.status === 200 && statuses.includes(r.body.status) ? r.body : null;
  }, timeoutMs, `job ${id} to reach ${statuses.join('/')}`);
}

/** Removes every Redis key under a test's queue prefix. */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const r = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } catch {
    /* the server may already be gone (Redis-loss tests) */
  } finally {
    r.disconnect();
  }
}

export interface DistributedEnv {
  schema: string;
  prefix: string;
  home: { path: string; remove(): void };
  config: Partial<ConfigInput>;
  /** The same configuration as PINEBACK_* variables, for child processes. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export function distributedEnv(redisUrl = REDIS_URL): DistributedEnv {
  const schema = uniqueName('pbtest');
  const prefix = uniqueName('pbtest');
  const home = tempHome();
  const config: Partial<ConfigInput> = {
    mode: 'distributed', home: home.path, databaseUrl: PG_URL, pgSchema: schema, dataSchema: `${schema}_data`, redisUrl, queuePrefix: prefix, port: 0, logLevel: 'silent',
    limits: { backoffMs: 100, timeoutMs: 20_000, memoryMb: 128, maxAttempts: 3, maxLoopIterations: 100_000 },
  };
  const env = {
    PINEBACK_MODE: 'distributed', PINEBACK_HOME: home.path, PINEBACK_DATABASE_URL: PG_URL, PINEBACK_PG_SCHEMA: schema, PINEBACK_DATABASE_SCHEMA: `${schema}_data`,
    PINEBACK_REDIS_URL: redisUrl, PINEBACK_QUEUE_PREFIX: prefix, PINEBACK_JOB_BACKOFF_MS: '100', PINEBACK_JOB_MEMORY_MB: '128',
  };
  return {
    schema, prefix, home, config, env,
    cleanup: async () => {
      await clearRedisPrefix(redisUrl, prefix);
      await dropPgSchema(schema);
      await dropPgSchema(`${schema}_data`);
      home.remove();
    },
  };
}
