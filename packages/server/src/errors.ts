// One error handler for the whole API: validation problems and script diagnostics become 4xx
// bodies with details; a missing engine is 501; anything unexpected is a generic 500 whose detail
// goes to the log only. Every body has the ErrorBody shape (statusCode, error, message, code, details).
import type { FastifyError, FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from './schemas/common.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly code = 'ERROR',
    readonly details?: Record<string, unknown>[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string, id: string): ApiError => new ApiError(404, `${what} ${id} not found`, 'NOT_FOUND');

export function body(statusCode: number, message: string, code?: string, details?: Record<string, unknown>[]): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code ? { code } : {}), ...(details ? { details } : {}) };
}

/** Maps any thrown error to a status and a client-safe body. */
export function toErrorBody(err: unknown): ErrorBody {
  const e = err as FastifyError & { diagnostics?: Record<string, unknown>[]; component?: string };
  if (err instanceof ApiError) return body(err.statusCode, err.message, err.code, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: `${err.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'),
      message: v.message ?? 'invalid',
    }));
    return body(400, `invalid request: ${details.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`.slice(0, 2000), 'VALIDATION', details);
  }
  switch (e?.name) {
    case 'EngineUnavailableError':
      return body(501, e.message, e.component === 'data' ? 'DATA_UNAVAILABLE' : 'COMPILER_UNAVAILABLE');
    case 'UnknownSymbolError':
      return body(404, e.message, 'UNKNOWN_SYMBOL');
    case 'ScriptError':
      return body(400, e.message, 'SCRIPT_ERROR', e.diagnostics);
    case 'NameTakenError':
      return body(409, e.message, 'NAME_TAKEN');
    case 'DataRequestError':
      return body(400, e.message, 'BAD_DATA_REQUEST');
    case 'SearchSpaceTooLarge':
      return body(400, e.message, 'SEARCH_SPACE_TOO_LARGE');
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return body(400, `malformed JSON body: ${e.message}`, 'MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return body(413, 'request body too large', 'BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return body(415, e.message, 'UNSUPPORTED_MEDIA_TYPE');
    case 'FST_REQ_FILE_TOO_LARGE':
      return body(413, 'uploaded file too large', 'FILE_TOO_LARGE');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return body(406, 'expected a multipart/form-data upload', 'NOT_MULTIPART');
  }
  if (err instanceof SyntaxError && (e.statusCode === 400 || e.statusCode === undefined)) return body(400, `malformed JSON body: ${err.message}`, 'MALFORMED_JSON');
  const status = typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status < 500) return body(status, e.message, e.code);
  return body(500, 'internal server error; the incident was logged', 'INTERNAL');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const out = toErrorBody(err);
    if (out.statusCode >= 500 && out.statusCode !== 501) req.log.error({ err }, 'request failed');
    else if (isResponseSerializationError(err)) req.log.error({ err }, 'response did not match its schema');
    else req.log.info({ code: out.code, status: out.statusCode }, out.message);
    void reply.status(out.statusCode).send(out);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(body(404, `no route ${req.method} ${req.url.split('?')[0]}`, 'NO_ROUTE'));
  });
}
