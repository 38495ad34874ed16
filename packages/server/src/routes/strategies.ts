// /api/strategies — versioned strategy CRUD (every edit is a new version) and validation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Diagnostic, InputSpec, ScriptEngine } from '../engine/types.js';
import { notFound } from '../errors.js';
import { audit } from '../security/audit.js';
import { submissionLimit } from '../security/limits.js';
import { errorResponses, IdParams } from '../schemas/common.js';
import {
  CreateStrategy, StrategyDetail, StrategyList, StrategyListQuery, StrategyVersionView, UpdateStrategy,
  ValidateBody, ValidateResponse, VersionParams,
} from '../schemas/strategies.js';

const tags = ['strategies'];

/** Diagnostics and inputs for a source; both null when the compiler is not available yet. */
async function analyse(engine: ScriptEngine, source: string): Promise<{ diagnostics: Diagnostic[] | null; inputs: InputSpec[] | null }> {
  try {
    const diagnostics = await engine.validateScript(source);
    const inputs = diagnostics.some((d) => d.severity === 'error') ? [] : await engine.extractInputs(source);
    return { diagnostics, inputs };
  } catch (err) {
    if (err instanceof Error && err.name === 'EngineUnavailableError') return { diagnostics: null, inputs: null };
    throw err;
  }
}

export const strategyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, engine } = app.services;

  app.post('/validate', {
    config: submissionLimit,
    schema: { tags, summary: 'Compile a script and return its diagnostics and inputs', body: ValidateBody, response: { 200: ValidateResponse, ...errorResponses } },
  }, async (req) => {
    const diagnostics = await engine.validateScript(req.body.source);
    const ok = !diagnostics.some((d) => d.severity === 'error');
    return { ok, diagnostics, inputs: ok ? await engine.extractInputs(req.body.source) : [] };
  });

  app.post('', {
    config: submissionLimit,
    schema: { tags, summary: 'Create a strategy (version 1)', body: CreateStrategy, response: { 201: StrategyVersionView, 409: errorResponses[400], ...errorResponses } },
  }, async (req, reply) => {
    const { diagnostics, inputs } = await analyse(engine, req.body.source);
    const v = await store.strategies.create(req.body.name, req.body.source, inputs, diagnostics);
    await audit(req, 'strategy.create', 'strategy', v.strategyId, { name: v.name, version: v.version });
    return reply.status(201).send(v);
  });

  app.get('', {
    schema: { tags, summary: 'List strategies (latest version of each)', querystring: StrategyListQuery, response: { 200: StrategyList, ...errorResponses } },
  }, async (req) => store.strategies.list(req.query.limit, req.query.offset, req.query.q));

  app.get('/:id', {
    schema: { tags, summary: 'A strategy with its latest version and version list', params: IdParams, response: { 200: StrategyDetail, ...errorResponses } },
  }, async (req) => {
    const s = await store.strategies.get(req.params.id);
    const latest = s && (await store.strategies.version(s.id));
    if (!s || !latest) throw notFound('strategy', req.params.id);
    const versions = (await store.strategies.versions(s.id)).map((v) => ({ version: v.version, createdAt: v.createdAt }));
    return { ...s, latest, versions };
  });

  app.get('/:id/versions/:version', {
    schema: { tags, summary: 'One version of a strategy', params: VersionParams, response: { 200: StrategyVersionView, ...errorResponses } },
  }, async (req) => {
    const v = await store.strategies.version(req.params.id, req.params.version);
    if (!v) throw notFound('strategy version', `${req.params.id}@${req.params.version}`);
    return v;
  });

  app.put('/:id', {
    config: submissionLimit,
    schema: { tags, summary: 'Save an edit as a new version', params: IdParams, body: UpdateStrategy, response: { 200: StrategyVersionView, ...errorResponses } },
  }, async (req) => {
    const { diagnostics, inputs } = await analyse(engine, req.body.source);
    const v = await store.strategies.addVersion(req.params.id, req.body.source, inputs, diagnostics);
    if (!v) throw notFound('strategy', req.params.id);
    await audit(req, 'strategy.update', 'strategy', v.strategyId, { name: v.name, version: v.version });
    return v;
  });

  app.delete('/:id', {
    config: submissionLimit,
    schema: { tags, summary: 'Delete a strategy and all its versions (backtests keep their copy of the source)', params: IdParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    if (!(await store.strategies.delete(req.params.id))) throw notFound('strategy', req.params.id);
    await audit(req, 'strategy.delete', 'strategy', req.params.id);
    return reply.status(204).send(null);
  });
};
