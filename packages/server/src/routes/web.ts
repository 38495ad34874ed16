// The web app: the landing page at / and the app at /app, from packages/web/dist when it has been
// built (config.webDist), otherwise a small placeholder page that links to the API docs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PineBack</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .3em}</style>
</head><body>
<h1>PineBack</h1>
<p>The backtest service is running. The web app has not been built yet
(<code>packages/web/dist</code> is missing), so this placeholder is shown instead.</p>
<ul><li><a href="/api/docs">API documentation</a> (OpenAPI: <a href="/api/docs/json">/api/docs/json</a>)</li>
<li><a href="/api/health">Service health</a></li></ul>
</body></html>`;

export async function registerWeb(app: FastifyInstance, webDist: string | undefined): Promise<void> {
  const dist = webDist && existsSync(join(webDist, 'index.html')) ? webDist : null;
  if (!dist) {
    const page = async (_req: unknown, reply: { type(t: string): { send(b: string): unknown } }) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER);
    app.get('/', { schema: { hide: true } }, page);
    app.get('/app', { schema: { hide: true } }, page);
    app.get('/app/*', { schema: { hide: true } }, page);
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  // The app is a single-page app: unknown /app/ paths get its index so client routing works.
  const appIndex = existsSync(join(dist, 'app', 'index.html')) ? 'app/index.html' : 'index.html';
  app.get('/app', { schema: { hide: true } }, (_req, reply) => reply.sendFile(appIndex));
  app.get('/app/*', { schema: { hide: true } }, (req, reply) => {
    const rel = (req.params as { '*': string })['*'];
    const file = join('app', rel);
    return existsSync(join(dist, file)) && !rel.includes('..') ? reply.sendFile(file) : reply.sendFile(appIndex);
  });
}
