// /api/optimizations — grid/random search with objective, constraints and walk-forward; every
// iteration is stored and listed ranked.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCompiles, resolveSource } from '../backtests/submit.js';
import { ApiError, notFound } from '../errors.js';
import { paramSets, type OptimizationPayload } from '../optimize/optimization-kind.js';
import { audit } from '../security/audit.js';
import { submissionLimit } from '../security/limits.js';
import { errorResponses, IdParams, JobStatusSchema, Paging, toMs } from '../schemas/common.js';
import { IterationView, OptimizationRequestSchema, OptimizationView } from '../schemas/optimizations.js';

const tags = ['optimizations'];

export const optimizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const s = app.services;

  app.post('', {
    config: submissionLimit,
    schema: { tags, summary: 'Start an optimisation', body: OptimizationRequestSchema, response: { 202: z.object({ id: z.string(), status: JobStatusSchema, iterations: z.number() }), ...errorResponses } },
  }, async (req, reply) => {
    const r = req.body;
    const sets = paramSets(r); // rejects oversized grids before anything is queued
    const src = await resolveSource(s, r);
    await assertCompiles(s, src.source);
    const range = { from: toMs(r.range.from), to: toMs(r.range.to) };
    await s.market.datasetHash(r.symbol, r.timeframe, range); // unknown symbol → 404 now, not in the job
    const id = randomUUID();
    const payload: OptimizationPayload = { optimizationId: id, source: src.source, request: r, range };
    await s.store.optimizations.insert(id, r);
    try {
      await s.queue.enqueue({ id, kind: 'optimization', payload, maxAttempts: s.config.limits.maxAttempts });
    } catch (err) {
      await s.store.optimizations.delete(id).catch(() => undefined);
      throw new ApiError(503, `the job queue is unavailable: ${err instanceof Error ? err.message : String(err)}`, 'QUEUE_UNAVAILABLE');
    }
    await audit(req, 'optimization.submit', 'optimization', id, { symbol: r.symbol, timeframe: r.timeframe, iterations: sets.length });
    return reply.status(202).send({ id, status: 'queued' as const, iterations: sets.length });
  });

  app.get('', {
    schema: { tags, summary: 'List optimisations', querystring: Paging, response: { 200: z.object({ items: z.array(OptimizationView.omit({ top: true })), total: z.number() }), ...errorResponses } },
  }, async (req) => s.store.optimizations.list(req.query.limit, req.query.offset));

  app.get('/:id', {
    schema: { tags, summary: 'Status, progress and the 10 best iterations', params: IdParams, response: { 200: OptimizationView, ...errorResponses } },
  }, async (req) => {
    const o = await s.store.optimizations.get(req.params.id);
    if (!o) throw notFound('optimization', req.params.id);
    const top = await s.store.optimizations.iterations(o.id, undefined, 10, 0);
    return { ...o, top: top.items };
  });

  app.get('/:id/iterations', {
    schema: {
      tags, summary: 'Every stored iteration, ranked (constraints passed first, then by objective)',
      params: IdParams, querystring: Paging.extend({ phase: z.enum(['full', 'in_sample', 'out_of_sample']).optional() }),
      response: { 200: z.object({ items: z.array(IterationView), total: z.number() }), ...errorResponses },
    },
  }, async (req) => {
    if (!(await s.store.optimizations.get(req.params.id))) throw notFound('optimization', req.params.id);
    return s.store.optimizations.iterations(req.params.id, req.query.phase, req.query.limit, req.query.offset);
  });

  app.post('/:id/cancel', {
    config: submissionLimit,
    schema: { tags, summary: 'Cancel an optimisation', params: IdParams, response: { 200: z.object({ id: z.string(), status: JobStatusSchema }), ...errorResponses } },
  }, async (req) => {
    if (!(await s.store.optimizations.get(req.params.id))) throw notFound('optimization', req.params.id);
    const status = (await s.queue.cancel(req.params.id)) ?? 'cancelled';
    await audit(req, 'optimization.cancel', 'optimization', req.params.id);
    return { id: req.params.id, status };
  });

  app.delete('/:id', {
    config: submissionLimit,
    schema: { tags, summary: 'Delete an optimisation and its iterations', params: IdParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    if (!(await s.store.optimizations.get(req.params.id))) throw notFound('optimization', req.params.id);
    await s.queue.cancel(req.params.id);
    await s.store.optimizations.delete(req.params.id);
    await s.store.jobs.delete(req.params.id);
    await audit(req, 'optimization.delete', 'optimization', req.params.id);
    return reply.status(204).send(null);
  });
};
