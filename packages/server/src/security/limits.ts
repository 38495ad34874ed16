// Rate limiting: only routes that submit work or change data opt in (config.rateLimit per token,
// or per client address without tokens). Reads are not limited.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import { body } from '../errors.js';

export async function registerRateLimit(app: FastifyInstance, cfg: ServerConfig['rateLimit']): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    max: cfg.max,
    timeWindow: cfg.windowMs,
    keyGenerator: (req) => (req.actor && req.actor !== 'local' ? req.actor : req.ip),
    errorResponseBuilder: (_req, ctx) => ({ ...body(429, `rate limit exceeded: at most ${ctx.max} submissions per ${ctx.after}`, 'RATE_LIMITED'), statusCode: 429 }),
  });
}

/** Route option enabling the submission limit. */
export const submissionLimit = { rateLimit: {} } as const;
