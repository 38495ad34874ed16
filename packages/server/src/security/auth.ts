// API tokens. When tokens are configured (always when the host is not loopback) every /api request
// except health and the OpenAPI document needs `Authorization: Bearer <token>`; WebSocket and SSE
// clients that cannot set headers may pass `?token=`. The audit log names a token by a short
// fingerprint, never by its value.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { body } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** "local" without tokens, else "token:<fingerprint>". */
    actor: string;
  }
}

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

const PUBLIC = [/^\/api\/health(?:\?|$)/, /^\/api\/docs(?:\/|\?|$)/];

function presented(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h && /^bearer\s+/i.test(h)) return h.replace(/^bearer\s+/i, '').trim();
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' ? q : null;
}

export function registerAuth(app: FastifyInstance, tokens: readonly string[]): void {
  const digests = tokens.map((t) => createHash('sha256').update(t).digest());
  app.decorateRequest('actor', 'local');
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || digests.length === 0 || PUBLIC.some((r) => r.test(req.url))) return;
    const tok = presented(req);
    const d = tok ? createHash('sha256').update(tok).digest() : null;
    if (!d || !digests.some((x) => timingSafeEqual(x, d))) {
      return reply.status(401).header('www-authenticate', 'Bearer').send(body(401, 'missing or invalid API token', 'UNAUTHORIZED'));
    }
    req.actor = `token:${fingerprint(tok!)}`;
  });
}
