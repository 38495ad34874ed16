// /api/health and /api/audit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { engineStatus } from '../engine/status.js';
import { errorResponses, Paging } from '../schemas/common.js';

const Availability = z.object({ available: z.boolean(), reason: z.string().nullable() });

const STATUS_TTL_MS = 10_000;

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const s = app.services;
  // Probing compiles a tiny script and lists the data store; health checks may poll often.
  let cached: { at: number; value: Promise<Awaited<ReturnType<typeof engineStatus>>> } | null = null;
  const status = () => {
    if (!cached || Date.now() - cached.at > STATUS_TTL_MS) cached = { at: Date.now(), value: engineStatus(s.engine, s.market) };
    return cached.value;
  };

  app.get('/health', {
    schema: {
      tags: ['system'], summary: 'Liveness, queue mode and which engine parts are available',
      response: { 200: z.object({ ok: z.boolean(), mode: z.enum(['embedded', 'distributed']), database: z.enum(['duckdb', 'postgres']), engine: z.object({ compiler: Availability, data: Availability }) }) },
    },
  }, async () => ({ ok: true, mode: s.queue.mode, database: s.store.db.dialect, engine: await status() }));

  app.get('/audit', {
    schema: {
      tags: ['system'], summary: 'Audit log of submissions, edits and deletions (newest first)',
      querystring: Paging.extend({ entity: z.string().max(50).optional() }),
      response: {
        200: z.object({ items: z.array(z.object({ id: z.string(), at: z.number(), actor: z.string(), action: z.string(), entity: z.string(), entityId: z.string().nullable(), detail: z.record(z.string(), z.unknown()).nullable() })) }),
        ...errorResponses,
      },
    },
  }, async (req) => ({ items: await s.store.audit.list(req.query.limit, req.query.offset, req.query.entity) }));
};
