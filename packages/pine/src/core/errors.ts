// Errors raised while a compiled script runs. The executor adds the source position of the
// statement being executed, so library code only states what went wrong.

export class PineRuntimeError extends Error {
  /** 1-based source line and column of the statement that failed, filled in by the executor. */
  line?: number;
  column?: number;
  constructor(message: string) {
    super(message);
    this.name = 'PineRuntimeError';
  }
}

/** Raised when a run exceeds a configured limit (time, loop iterations, memory). */
export class PineLimitError extends PineRuntimeError {
  constructor(
    message: string,
    readonly limit: 'time' | 'loop' | 'memory' | 'objects',
  ) {
    super(message);
    this.name = 'PineLimitError';
  }
}
