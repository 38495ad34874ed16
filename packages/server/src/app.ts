// The HTTP app as a function of its services (no port opened here): plugins in dependency order —
// validation/serialisation with zod, OpenAPI, auth, rate limits, uploads, WebSocket — then routes
// per resource under /api, then the web app. `server.ts` wraps it with storage and job workers.
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandling } from './errors.js';
import { loggerOptions } from './logging.js';
import { backtestRoutes } from './routes/backtests.js';
import { dataRoutes } from './routes/data.js';
import { jobRoutes } from './routes/jobs.js';
import { optimizationRoutes } from './routes/optimizations.js';
import { strategyRoutes } from './routes/strategies.js';
import { systemRoutes } from './routes/system.js';
import { registerWeb } from './routes/web.js';
import { registerAuth } from './security/auth.js';
import { registerRateLimit } from './security/limits.js';
import type { AppServices } from './services.js';

export interface BuildOptions {
  /** Overrides the logger (tests pass a stream to inspect log lines). */
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(services: AppServices, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    requestTimeout: 120_000,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', services);
  registerErrorHandling(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'PineBack API', description: 'Backtest TradingView Pine Script v6 strategies on your own data.', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: config.apiTokens.length ? [{ bearer: [] }] : [],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, config.apiTokens);
  await registerRateLimit(app, config.rateLimit);
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  await app.register(systemRoutes, { prefix: '/api' });
  await app.register(strategyRoutes, { prefix: '/api/strategies' });
  await app.register(backtestRoutes, { prefix: '/api/backtests' });
  await app.register(optimizationRoutes, { prefix: '/api/optimizations' });
  await app.register(dataRoutes, { prefix: '/api/data' });
  await app.register(jobRoutes, { prefix: '/api/jobs' });
  await registerWeb(app, config.webDist);
  return app;
}
