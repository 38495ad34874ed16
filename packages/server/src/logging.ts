// Structured logging (pino through Fastify) that never writes secrets: authorization headers and
// token/password fields are redacted by path, and credentials inside connection URLs are masked
// wherever a string is logged through `redactSecrets`.
import type { FastifyServerOptions } from 'fastify';

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  '*.token',
  '*.password',
  '*.apiTokens',
  '*.databaseUrl',
  '*.redisUrl',
  'token',
  'password',
  'apiTokens',
  'databaseUrl',
  'redisUrl',
];

/** Masks user:password@ in URLs and bearer tokens / token= query parameters in free text. */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*)(:[^/@\s]*)?@/gi, (_m, scheme: string) => `${scheme}[redacted]@`)
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/([?&](?:token|access_token|password)=)[^&\s]+/gi, '$1[redacted]');
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; ip?: string; id?: string }) {
        // The URL may carry ?token= for WebSocket/SSE clients that cannot set headers.
        return { method: req.method, url: redactSecrets(req.url), ip: req.ip, id: req.id };
      },
      err(err: Error & { code?: string; statusCode?: number }) {
        return {
          type: err.name,
          message: redactSecrets(err.message),
          code: err.code,
          statusCode: err.statusCode,
          stack: redactSecrets(err.stack ?? ''),
        };
      },
    },
  };
}

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevel, message: string, err?: unknown) => void;

const RANK: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

/**
 * Structured JSON-lines logger for processes without a Fastify instance (the distributed worker,
 * and the job executor before the app exists). Error messages go through `redactSecrets`.
 */
export function jsonLogger(level: string, fields: Record<string, unknown> = {}, out: (line: string) => void = (l) => process.stdout.write(l)): LogFn {
  const min = RANK[level] ?? 30;
  return (lvl, message, err) => {
    if (RANK[lvl]! < min) return;
    const e = err instanceof Error ? { name: err.name, message: redactSecrets(err.message) } : err === undefined ? undefined : redactSecrets(String(err));
    out(`${JSON.stringify({ level: lvl, time: Date.now(), ...fields, msg: redactSecrets(message), ...(e ? { err: e } : {}) })}\n`);
  };
}

/** Adapts a pino-style logger (Fastify's app.log) to LogFn. */
export function fromPino(log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void }): LogFn {
  return (lvl, message, err) => log[lvl](err === undefined ? {} : { err }, message);
}
