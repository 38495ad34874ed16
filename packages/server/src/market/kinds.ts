// Market-data job kinds. Both are I/O-bound and run inline on the executor's main thread through
// the data adapter: 'data.download' (exchange download with progress) and 'data.import' (an
// uploaded CSV file, deleted once imported or finally failed).
import { rm } from 'node:fs/promises';
import type { CsvImportRequest, DownloadRequest } from '../engine/types.js';
import type { JobKind } from '../jobs/kinds.js';

export const downloadKind: JobKind = {
  name: 'data.download',
  async inline(deps, _job, input, ctx) {
    return deps.market.download(input as DownloadRequest, (p) => ctx.progress(p), ctx.signal);
  },
};

export const importKind: JobKind = {
  name: 'data.import',
  async inline(deps, job, input, ctx) {
    const req = input as CsvImportRequest;
    ctx.progress(0, 'importing');
    try {
      return await deps.market.importCsv(req);
    } finally {
      // Keep the file for a retry; remove it after the last attempt or on success.
      if (ctx.attempt >= job.maxAttempts) await rm(req.path, { force: true });
    }
  },
  async complete(_deps, job, result) {
    await rm((job.payload as CsvImportRequest).path, { force: true });
    return result;
  },
};
