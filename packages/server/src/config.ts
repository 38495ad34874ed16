// Service configuration: one zod schema checked at startup, filled from PINEBACK_* environment
// variables and explicit overrides (CLI flags, tests). Everything else reads the typed result.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { z } from 'zod';

export const JobLimitsSchema = z.object({
  /** Wall-clock limit for one attempt; the worker thread is terminated when it is exceeded. */
  timeoutMs: z.number().int().positive().default(10 * 60_000),
  /** V8 old-generation heap of the worker thread (worker_threads resourceLimits). */
  memoryMb: z.number().int().min(16).default(1024),
  /** Passed to the Pine runtime: iterations allowed per loop before it aborts the run. */
  maxLoopIterations: z.number().int().positive().default(500_000),
  /** Attempts before a job is marked failed (1 = no retry). */
  maxAttempts: z.number().int().min(1).default(3),
  /** First retry delay; doubles on every further attempt. */
  backoffMs: z.number().int().min(0).default(2_000),
});
export type JobLimits = z.infer<typeof JobLimitsSchema>;

export const ConfigSchema = z.object({
  home: z.string().min(1),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(7420),
  mode: z.enum(['embedded', 'distributed']).default('embedded'),
  /** PostgreSQL URL (distributed mode; also usable in embedded mode instead of DuckDB). */
  databaseUrl: z.string().optional(),
  /** PostgreSQL schema holding the service tables (lets several installs or tests share a database). */
  pgSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('pineback'),
  /** PostgreSQL schema of the market-data store (packages/data); the CLI's PINEBACK_DATABASE_SCHEMA. */
  dataSchema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('public'),
  redisUrl: z.string().default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key, so installs and tests can share one Redis. */
  queuePrefix: z.string().min(1).default('pineback'),
  apiTokens: z.array(z.string().min(16)).default([]),
  concurrency: z.number().int().min(1).max(64).default(2),
  limits: JobLimitsSchema.default(JobLimitsSchema.parse({})),
  bodyLimitBytes: z.number().int().positive().default(2 * 1024 * 1024),
  uploadLimitBytes: z.number().int().positive().default(512 * 1024 * 1024),
  rateLimit: z
    .object({ max: z.number().int().positive(), windowMs: z.number().int().positive() })
    .default({ max: 60, windowMs: 60_000 }),
  /** Load the shipped demo series into the market-data store on start (idempotent; `pineback serve` turns it on). */
  demoData: z.boolean().default(false),
  /** Built web app (packages/web/dist); a placeholder page is served when absent. */
  webDist: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directories of Pine library sources for `import user/Name/version` (scanned recursively at start;
   *  earlier directories win). Filled from `--lib` flags, then PINEBACK_LIBRARY_DIRS, then
   *  `$PINEBACK_HOME/libraries` when it exists. */
  libraryDirs: z.array(z.string().min(1)).default([]),
  /** How often progress is pushed to WebSocket/SSE subscribers even when nothing changed. */
  progressIntervalMs: z.number().int().positive().max(2_000).default(1_000),
});
export type ServerConfig = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got "${v}"`);
  return n;
}

/** Reads PINEBACK_* variables; explicit overrides win. Throws a readable error on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ConfigInput> = {}): ServerConfig {
  const fromEnv: Record<string, unknown> = {
    home: env.PINEBACK_HOME || join(homedir(), '.pineback'),
    host: env.PINEBACK_HOST || undefined,
    port: num(env.PINEBACK_PORT),
    mode: env.PINEBACK_MODE || undefined,
    databaseUrl: env.PINEBACK_DATABASE_URL || undefined,
    pgSchema: env.PINEBACK_PG_SCHEMA || undefined,
    dataSchema: env.PINEBACK_DATABASE_SCHEMA || undefined,
    redisUrl: env.PINEBACK_REDIS_URL || undefined,
    queuePrefix: env.PINEBACK_QUEUE_PREFIX || undefined,
    apiTokens: env.PINEBACK_API_TOKENS ? env.PINEBACK_API_TOKENS.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    concurrency: num(env.PINEBACK_CONCURRENCY),
    webDist: env.PINEBACK_WEB_DIST || undefined,
    demoData: env.PINEBACK_DEMO_DATA ? env.PINEBACK_DEMO_DATA !== '0' : undefined,
    logLevel: env.PINEBACK_LOG_LEVEL || undefined,
    // PINEBACK_LIBRARY_DIRS (path-delimited): combined with the flags into libraryDirs below.
    limits: {
      timeoutMs: num(env.PINEBACK_JOB_TIMEOUT_MS),
      memoryMb: num(env.PINEBACK_JOB_MEMORY_MB),
      maxLoopIterations: num(env.PINEBACK_MAX_LOOP_ITERATIONS),
      maxAttempts: num(env.PINEBACK_JOB_ATTEMPTS),
      backoffMs: num(env.PINEBACK_JOB_BACKOFF_MS),
    },
  };
  const merged = { ...stripUndefined(fromEnv), ...stripUndefined(overrides as Record<string, unknown>) };
  // Library directories add up (flags first, so they win over the environment and the default).
  const home = String(merged.home);
  const defaultLibraries = join(home, 'libraries');
  const libraryDirs = [
    ...(overrides.libraryDirs ?? []),
    ...(env.PINEBACK_LIBRARY_DIRS ? env.PINEBACK_LIBRARY_DIRS.split(delimiter).map((s) => s.trim()).filter(Boolean) : []),
    ...(existsSync(defaultLibraries) ? [defaultLibraries] : []),
  ];
  merged.libraryDirs = [...new Set(libraryDirs)];
  merged.limits = { ...stripUndefined(fromEnv.limits as Record<string, unknown>), ...stripUndefined((overrides.limits ?? {}) as Record<string, unknown>) };
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid PineBack server configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (cfg.mode === 'distributed' && !cfg.databaseUrl) {
    throw new Error('invalid PineBack server configuration:\n  databaseUrl: distributed mode stores results in PostgreSQL; set PINEBACK_DATABASE_URL');
  }
  if (!isLoopbackHost(cfg.host) && cfg.apiTokens.length === 0) {
    throw new Error(
      `refusing to listen on ${cfg.host} without API tokens: set PINEBACK_API_TOKENS (comma-separated, 16+ characters each) or bind 127.0.0.1`,
    );
  }
  return cfg;
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** True for hosts only reachable from this machine; anything else requires API tokens. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
