// Security over real HTTP: API tokens (required when exposed), rate limiting on submissions,
// and structured logs without secrets.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/logging.js';
import { startServer, type RunningServer } from '../src/server.js';
import { testKinds } from './fixtures/test-kinds.js';
import { http, tempHome, waitForJob } from './support/helpers.js';

const TOKEN = 'test-token-0123456789abcdef';
const home = tempHome();
const logLines: string[] = [];
let srv: RunningServer;
let base: string;

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  srv = await startServer(
    { home: home.path, port: 0, apiTokens: [TOKEN], rateLimit: { max: 3, windowMs: 60_000 }, databaseUrl: undefined },
    { extraKinds: testKinds, logger: { ...(loggerOptions('info') as object), stream } },
  );
  base = srv.url;
});
afterAll(async () => {
  await srv?.close();
  home.remove();
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe('API tokens', () => {
  it('rejects requests without a valid token, accepts the configured one', async () => {
    const none = await http(base, 'GET', '/api/strategies');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await http(base, 'GET', '/api/strategies', undefined, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await http(base, 'GET', '/api/strategies', undefined, auth)).status).toBe(200);
    expect((await http(base, 'GET', '/api/health')).status).toBe(200);
    expect((await http(base, 'GET', '/api/docs/json')).status).toBe(200);
  });

  it('lets SSE clients pass the token as a query parameter', async () => {
    const id = `sec-${Date.now()}`;
    await srv.services.queue.enqueue({ id, kind: 'test', payload: { op: 'echo', value: 1 }, maxAttempts: 1 });
    await waitForJob(base, id, ['done'], 10_000, auth);
    const r = await fetch(`${base}/api/jobs/${id}/events?token=${TOKEN}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('"status":"done"');
  });

  it('records the token fingerprint, not the token, in the audit log', async () => {
    const c = await http(base, 'POST', '/api/strategies', { name: 'Sec', source: 'x' }, auth);
    expect(c.status).toBe(201);
    const a = await http(base, 'GET', '/api/audit', undefined, auth);
    const entry = a.body.items.find((x: { action: string }) => x.action === 'strategy.create');
    expect(entry.actor).toMatch(/^token:[0-9a-f]{12}$/);
    expect(JSON.stringify(a.body)).not.toContain(TOKEN);
  });

  it('refuses to start on a non-loopback host without tokens', async () => {
    await expect(startServer({ home: home.path, host: '0.0.0.0', port: 0, apiTokens: [] })).rejects.toThrow(/without API tokens/);
  });
});

describe('rate limiting', () => {
  it('limits submissions per token with 429, not reads', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await http(base, 'POST', '/api/strategies', { name: `rl-${i}`, source: 'x' }, auth)).status);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(2);
    const limited = await http(base, 'POST', '/api/strategies', { name: 'rl-x', source: 'x' }, auth);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    for (let i = 0; i < 5; i++) expect((await http(base, 'GET', '/api/strategies', undefined, auth)).status).toBe(200);
  });
});

describe('logs', () => {
  it('are structured JSON and never contain tokens', async () => {
    await http(base, 'GET', `/api/jobs/x/events?token=${TOKEN}`);
    await http(base, 'GET', '/api/strategies', undefined, auth);
    expect(logLines.length).toBeGreaterThan(5);
    for (const l of logLines) expect(() => JSON.parse(l)).not.toThrow();
    const all = logLines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).toMatch(/token=\[redacted\]/);
  });
});
