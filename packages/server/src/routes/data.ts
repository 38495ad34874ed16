// /api/data — market data through the data adapter: coverage, chart bars (paged, resampled),
// CSV upload import and exchange downloads (both run as jobs; follow them under /api/jobs/:id).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CsvImportRequest } from '../engine/types.js';
import { ApiError } from '../errors.js';
import { audit } from '../security/audit.js';
import { submissionLimit } from '../security/limits.js';
import { errorResponses, toMs } from '../schemas/common.js';
import { BarsQuery, BarsResponse, DownloadRequestSchema, ImportQuery, JobAccepted, SymbolsResponse } from '../schemas/data.js';

const tags = ['data'];

export const dataRoutes: FastifyPluginAsyncZod = async (app) => {
  const s = app.services;

  app.get('/symbols', {
    schema: { tags, summary: 'Stored symbols × timeframes with coverage and gaps', response: { 200: SymbolsResponse, ...errorResponses } },
  }, async () => ({ items: await s.market.listSymbols() }));

  app.get('/bars', {
    schema: {
      tags, summary: 'Bars for a chart, resampled to the timeframe, one page at a time',
      description: 'Columns (time, open, high, low, close, volume). Pass nextCursor back as cursor to load the following page; null means the range is complete. With direction=backward the first page holds the latest bars and prevCursor, passed back as before, loads the preceding page.',
      querystring: BarsQuery, response: { 200: BarsResponse, ...errorResponses },
    },
  }, async (req) => {
    const q = req.query;
    const range = { from: toMs(q.from), to: toMs(q.to) };
    const backward = q.direction === 'backward';
    const page = backward
      ? await s.market.barsPageBefore(q.symbol, q.timeframe, range, q.before ?? null, q.limit)
      : await s.market.barsPage(q.symbol, q.timeframe, range, q.cursor ?? null, q.limit);
    const b = page.bars;
    return {
      symbol: q.symbol, timeframe: q.timeframe,
      time: Array.from(b.time), open: Array.from(b.open), high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close),
      volume: Array.from(b.volume, (v) => (Number.isNaN(v) ? null : v)),
      ...('prevCursor' in page ? { nextCursor: null, prevCursor: page.prevCursor } : { nextCursor: page.nextCursor }),
    };
  });

  app.post('/import', {
    config: submissionLimit,
    schema: {
      tags, summary: 'Upload a CSV of bars (multipart field "file") and import it as a job',
      consumes: ['multipart/form-data'], querystring: ImportQuery, response: { 202: JobAccepted, ...errorResponses },
    },
  }, async (req, reply) => {
    const file = await req.file();
    if (!file) throw new ApiError(400, 'no file in the upload (multipart field "file")', 'NO_FILE');
    const dir = join(s.config.home, 'uploads');
    await mkdir(dir, { recursive: true });
    const id = randomUUID();
    const path = join(dir, `${id}.csv`);
    try {
      await pipeline(file.file, createWriteStream(path));
      if (file.file.truncated) throw new ApiError(413, `uploaded file exceeds ${s.config.uploadLimitBytes} bytes`, 'FILE_TOO_LARGE');
      const { symbol, timeframe, ...symbolInfo } = req.query;
      const payload: CsvImportRequest = { symbol, timeframe, path, symbolInfo };
      await s.queue.enqueue({ id, kind: 'data.import', payload, maxAttempts: s.config.limits.maxAttempts });
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    await audit(req, 'data.import', 'data', id, { symbol: req.query.symbol, timeframe: req.query.timeframe, filename: file.filename });
    return reply.status(202).send({ id, status: 'queued' as const });
  });

  app.post('/downloads', {
    config: submissionLimit,
    schema: { tags, summary: 'Download bars from an exchange (ccxt) as a job with progress', body: DownloadRequestSchema, response: { 202: JobAccepted, ...errorResponses } },
  }, async (req, reply) => {
    const id = randomUUID();
    const b = req.body;
    await s.queue.enqueue({
      id, kind: 'data.download',
      payload: { exchange: b.exchange, symbol: b.symbol, timeframe: b.timeframe, range: { from: toMs(b.range.from), to: toMs(b.range.to) } },
      maxAttempts: s.config.limits.maxAttempts,
    });
    await audit(req, 'data.download', 'data', id, { exchange: b.exchange, symbol: b.symbol, timeframe: b.timeframe });
    return reply.status(202).send({ id, status: 'queued' as const });
  });
};
