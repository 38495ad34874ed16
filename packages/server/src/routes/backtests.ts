// /api/backtests — submit, inspect, list, cancel, delete, export trades, compare.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compareRuns, type CompareColumn } from '../backtests/compare.js';
import { submitBacktest } from '../backtests/submit.js';
import { tradesCsv } from '../backtests/trades-csv.js';
import { ApiError, notFound } from '../errors.js';
import { audit } from '../security/audit.js';
import { submissionLimit } from '../security/limits.js';
import {
  BacktestList, BacktestListQuery, BacktestRequestSchema, BacktestView, CompareQuery, CompareResponse, RunQuery,
  SubmitResponse, TradesJson,
} from '../schemas/backtests.js';
import { errorResponses, IdParams, JobStatusSchema } from '../schemas/common.js';
import type { BacktestResult, RunResult } from '../schemas/engine.js';
import type { BacktestRow } from '../store/backtests-repo.js';

const tags = ['backtests'];

function view(b: BacktestRow, result?: BacktestResult | null) {
  return {
    id: b.id, status: b.status, progress: b.progress, message: b.message, error: b.error, attempts: b.attempts,
    label: b.label, strategyId: b.strategyId, strategyVersion: b.strategyVersion, scriptHash: b.scriptHash,
    datasetHash: b.datasetHash, createdAt: b.createdAt, finishedAt: b.finishedAt, request: b.request,
    ...(result !== undefined ? { result } : {}),
  };
}

export const backtestRoutes: FastifyPluginAsyncZod = async (app) => {
  const s = app.services;

  async function finishedRun(id: string, run: number): Promise<RunResult> {
    const b = await s.store.backtests.get(id);
    if (!b) throw notFound('backtest', id);
    if (b.status !== 'done') throw new ApiError(409, `backtest ${id} is ${b.status}, not done`, 'NOT_DONE');
    const r = (await s.store.backtests.result<BacktestResult>(id))?.runs[run];
    if (!r) throw notFound('run', `${id}#${run}`);
    return r;
  }

  app.post('', {
    config: submissionLimit,
    schema: {
      tags, summary: 'Submit a backtest (script or strategy version × symbols × timeframes)',
      description: 'Returns 202 with the new id, or 200 with cached=true and the id of an identical finished backtest (same script, inputs, settings and dataset hash). Follow progress live at /api/jobs/{id}/events (SSE) or /api/jobs/{id}/ws (WebSocket).',
      body: BacktestRequestSchema, response: { 200: SubmitResponse, 202: SubmitResponse, ...errorResponses },
    },
  }, async (req, reply) => {
    const out = await submitBacktest(s, req.body, req.actor);
    await audit(req, 'backtest.submit', 'backtest', out.id, { cached: out.cached, symbols: req.body.symbols, timeframes: req.body.timeframes, strategyId: req.body.strategyId ?? null });
    return reply.status(out.cached ? 200 : 202).send(out);
  });

  app.get('', {
    schema: { tags, summary: 'List backtests (newest first) with filters and paging', querystring: BacktestListQuery, response: { 200: BacktestList, ...errorResponses } },
  }, async (req) => {
    const { items, total } = await s.store.backtests.list(req.query);
    return { items: items.map((b) => view(b)), total };
  });

  app.get('/compare', {
    schema: {
      tags, summary: 'Compare the metrics of several backtests side by side',
      description: 'ids=a,b,c; pick a run other than the first with id:run (e.g. a:2).',
      querystring: CompareQuery, response: { 200: CompareResponse, ...errorResponses },
    },
  }, async (req) => {
    const picks = req.query.ids.split(',').map((p) => {
      const [id, run] = p.trim().split(':');
      return { id: id!, run: run === undefined ? 0 : Number(run) };
    });
    const cols: (CompareColumn & { label: string | null; status: z.infer<typeof JobStatusSchema> })[] = [];
    for (const p of picks) {
      if (!Number.isInteger(p.run) || p.run < 0) throw new ApiError(400, `invalid run in "${p.id}:${p.run}"`, 'VALIDATION');
      const b = await s.store.backtests.get(p.id);
      if (!b) throw notFound('backtest', p.id);
      const result = b.status === 'done' ? ((await s.store.backtests.result<BacktestResult>(p.id))?.runs[p.run] ?? null) : null;
      cols.push({ id: p.id, run: p.run, result, label: b.label, status: b.status });
    }
    return {
      runs: cols.map((c) => ({ id: c.id, run: c.run, label: c.label, status: c.status, symbol: c.result?.symbol ?? '', timeframe: c.result?.timeframe ?? '' })),
      metrics: compareRuns(cols),
    };
  });

  app.get('/:id', {
    schema: { tags, summary: 'Status, progress, and the result once done', params: IdParams, response: { 200: BacktestView, ...errorResponses } },
  }, async (req) => {
    const b = await s.store.backtests.get(req.params.id);
    if (!b) throw notFound('backtest', req.params.id);
    return view(b, b.status === 'done' ? await s.store.backtests.result<BacktestResult>(b.id) : null);
  });

  app.post('/:id/cancel', {
    config: submissionLimit,
    schema: { tags, summary: 'Cancel a queued or running backtest', params: IdParams, response: { 200: z.object({ id: z.string(), status: JobStatusSchema }), ...errorResponses } },
  }, async (req) => {
    if (!(await s.store.backtests.get(req.params.id))) throw notFound('backtest', req.params.id);
    const status = (await s.queue.cancel(req.params.id)) ?? 'cancelled';
    await audit(req, 'backtest.cancel', 'backtest', req.params.id);
    return { id: req.params.id, status };
  });

  app.delete('/:id', {
    config: submissionLimit,
    schema: { tags, summary: 'Delete a backtest (cancelling it first if it is still running)', params: IdParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    if (!(await s.store.backtests.get(req.params.id))) throw notFound('backtest', req.params.id);
    await s.queue.cancel(req.params.id);
    await s.store.backtests.delete(req.params.id);
    await s.store.jobs.delete(req.params.id);
    await audit(req, 'backtest.delete', 'backtest', req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/:id/trades.csv', {
    schema: {
      tags, summary: 'List of Trades as CSV in TradingView\'s export layout (entry and exit row per trade)',
      params: IdParams, querystring: RunQuery, produces: ['text/csv'], response: { 200: z.string().describe('CSV text'), ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await finishedRun(req.params.id, req.query.run);
    return reply
      .type('text/csv; charset=utf-8')
      .serializer((payload) => String(payload))
      .header('content-disposition', `attachment; filename="${req.params.id}-${r.symbol.replace(/[^A-Za-z0-9_.-]/g, '_')}-${r.timeframe}-trades.csv"`)
      .send(tradesCsv(r.trades, r.currency, r.timezone));
  });

  app.get('/:id/trades.json', {
    schema: { tags, summary: 'List of Trades as JSON', params: IdParams, querystring: RunQuery, response: { 200: TradesJson, ...errorResponses } },
  }, async (req) => {
    const r = await finishedRun(req.params.id, req.query.run);
    return { symbol: r.symbol, timeframe: r.timeframe, currency: r.currency, trades: r.trades };
  });
};
