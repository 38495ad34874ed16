// /api/jobs — every job (backtests, optimisations, imports, downloads) by id: state, cancel, and
// live progress over Server-Sent Events (/events) or WebSocket (/ws). Streams push every change
// and re-send the current state at least every config.progressIntervalMs (≤ 2 s) until the job ends.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.js';
import type { JobEvent, JobRecord } from '../jobs/types.js';
import { TERMINAL } from '../jobs/types.js';
import { audit } from '../security/audit.js';
import { submissionLimit } from '../security/limits.js';
import type { AppServices } from '../services.js';
import { errorResponses, IdParams, JobStatusSchema, JobView, Paging } from '../schemas/common.js';

const tags = ['jobs'];

function jobView(j: JobRecord) {
  return {
    id: j.id, kind: j.kind, status: j.status, progress: j.progress, message: j.message, attempts: j.attempts,
    maxAttempts: j.maxAttempts, error: j.error, result: j.result, createdAt: j.createdAt, startedAt: j.startedAt, finishedAt: j.finishedAt,
  };
}

const toEvent = (j: JobRecord): JobEvent => ({ id: j.id, status: j.status, progress: j.progress, message: j.message, error: j.error });

/**
 * Follows one job: calls `send` with the current state, on every change, and on a fixed beat;
 * calls `end` after the terminal state was sent. Returns a stop function.
 */
export function followJob(s: AppServices, id: string, send: (e: JobEvent) => void, end: () => void): () => void {
  let stopped = false;
  let lastSent = 0;
  const emit = (e: JobEvent): void => {
    if (stopped) return;
    send(e);
    lastSent = Date.now();
    if (TERMINAL.includes(e.status)) stop(true);
  };
  const refresh = async (): Promise<void> => {
    const j = await s.store.jobs.get(id).catch(() => null);
    if (j) emit(toEvent(j));
  };
  const unsubscribe = s.queue.subscribe(id, (e) => {
    // Terminal states are re-read from the store so the final message carries the stored outcome.
    if (TERMINAL.includes(e.status)) void refresh();
    else emit(e);
  });
  const beat = setInterval(() => {
    if (Date.now() - lastSent >= s.config.progressIntervalMs - 50) void refresh();
  }, Math.max(100, Math.floor(s.config.progressIntervalMs / 2)));
  function stop(ended: boolean): void {
    if (stopped) return;
    stopped = true;
    clearInterval(beat);
    unsubscribe();
    if (ended) end();
  }
  void refresh();
  return () => stop(false);
}

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const s = app.services;

  app.get('', {
    schema: { tags, summary: 'List jobs', querystring: Paging.extend({ kind: z.string().max(50).optional(), status: JobStatusSchema.optional() }), response: { 200: z.object({ items: z.array(JobView), total: z.number() }), ...errorResponses } },
  }, async (req) => {
    const { items, total } = await s.store.jobs.list(req.query);
    return { items: items.map(jobView), total };
  });

  app.get('/:id', {
    schema: { tags, summary: 'State of one job', params: IdParams, response: { 200: JobView, ...errorResponses } },
  }, async (req) => {
    const j = await s.store.jobs.get(req.params.id);
    if (!j) throw notFound('job', req.params.id);
    return jobView(j);
  });

  app.post('/:id/cancel', {
    config: submissionLimit,
    schema: { tags, summary: 'Cancel a queued or running job', params: IdParams, response: { 200: z.object({ id: z.string(), status: JobStatusSchema }), ...errorResponses } },
  }, async (req) => {
    const status = await s.queue.cancel(req.params.id);
    if (!status) throw notFound('job', req.params.id);
    await audit(req, 'job.cancel', 'job', req.params.id);
    return { id: req.params.id, status };
  });

  app.get('/:id/events', {
    schema: { tags, summary: 'Live progress as Server-Sent Events (event: progress | end)', params: IdParams, produces: ['text/event-stream'] },
  }, async (req, reply) => {
    if (!(await s.store.jobs.get(req.params.id))) throw notFound('job', req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const stop = followJob(
      s, req.params.id,
      (e) => res.write(`event: progress\ndata: ${JSON.stringify(e)}\n\n`),
      () => {
        res.write('event: end\ndata: {}\n\n');
        res.end();
      },
    );
    req.raw.on('close', stop);
  });

  app.get('/:id/ws', { websocket: true, schema: { tags, summary: 'Live progress over WebSocket (one JSON message per update; closed after the final state)', params: IdParams } }, (socket, req) => {
    const id = (req.params as { id: string }).id;
    void s.store.jobs.get(id).then((j) => {
      if (!j) {
        socket.send(JSON.stringify({ error: `job ${id} not found` }));
        socket.close(4404, 'not found');
        return;
      }
      const stop = followJob(s, id, (e) => socket.send(JSON.stringify(e)), () => socket.close(1000, 'done'));
      socket.on('close', stop);
    });
  });
};
