// How a failed attempt is classified: permanent failures (script errors, limits, unknown symbols,
// a missing engine) are not retried; anything else (a crashed worker, a lost connection) is.
export class JobFailure extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'JobFailure';
  }
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

const PERMANENT_NAMES = new Set(['ScriptError', 'PineRuntimeError', 'PineLimitError', 'EngineUnavailableError', 'UnknownSymbolError', 'DataRequestError', 'ZodError']);

export function isPermanent(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (err as { permanent?: unknown }).permanent === true || PERMANENT_NAMES.has(err.name);
}

/** Convert anything thrown by job code into a JobFailure/JobCancelled. */
export function classify(err: unknown): JobFailure | JobCancelled {
  if (err instanceof JobFailure || err instanceof JobCancelled) return err;
  if (err instanceof Error && err.name === 'AbortError') return new JobCancelled();
  const message = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return new JobFailure(message, isPermanent(err));
}
