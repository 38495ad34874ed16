// Run limits: wall time, loop iterations and memory. Exceeding one raises PineLimitError; the
// executor attaches the source line of the statement that was running.
import { PineLimitError } from '../core/errors.js';

export interface RunLimits {
  /** Wall-clock budget for the whole run, ms. Default 60 000. */
  maxWallTimeMs?: number;
  /** Iterations one execution of one loop may make. Default 1 000 000 (TradingView stops loops
   *  after 500 ms; a count keeps runs deterministic). */
  maxLoopIterations?: number;
  /** Budget for history buffers and per-bar outputs, bytes. Default 512 MiB. Also applied to
   *  `memoryProbe` when given. */
  maxMemoryBytes?: number;
  /** Returns the bytes in use (e.g. `() => process.memoryUsage().heapUsed` in Node); sampled every
   *  4096 bars together with the time limit. The package itself has no portable way to measure. */
  memoryProbe?: () => number;
}

export const DEFAULT_LIMITS: Required<Omit<RunLimits, 'memoryProbe'>> = {
  maxWallTimeMs: 60_000,
  maxLoopIterations: 1_000_000,
  maxMemoryBytes: 512 * 1024 * 1024,
};

/** Shared by the executor and the generated code. Kept tiny: the loop check is on a hot path. */
export class LimitGuard {
  readonly maxLoopIterations: number;
  readonly maxWallTimeMs: number;
  readonly maxMemoryBytes: number;
  private deadline = Infinity;
  private reservedBytes = 0;
  private readonly probe: (() => number) | undefined;

  constructor(limits: RunLimits = {}) {
    this.probe = limits.memoryProbe;
    this.maxLoopIterations = limits.maxLoopIterations ?? DEFAULT_LIMITS.maxLoopIterations;
    this.maxWallTimeMs = limits.maxWallTimeMs ?? DEFAULT_LIMITS.maxWallTimeMs;
    this.maxMemoryBytes = limits.maxMemoryBytes ?? DEFAULT_LIMITS.maxMemoryBytes;
  }

  start(): void {
    this.deadline = Date.now() + this.maxWallTimeMs;
  }

  /** Called every few bars and from long loops. */
  checkTime(): void {
    if (Date.now() > this.deadline) {
      throw new PineLimitError(`The script ran longer than the ${this.maxWallTimeMs} ms time limit`, 'time');
    }
    if (this.probe !== undefined) {
      const used = this.probe();
      if (used > this.maxMemoryBytes) {
        throw new PineLimitError(
          `Memory limit exceeded: ${Math.ceil(used / 1048576)} MiB in use > ${Math.floor(this.maxMemoryBytes / 1048576)} MiB`,
          'memory',
        );
      }
    }
  }

  /** Generated loops call this when their iteration counter passes maxLoopIterations. */
  loopLimit(): never {
    throw new PineLimitError(
      `Loop takes more than ${this.maxLoopIterations} iterations; reduce the loop count or raise the limit`,
      'loop',
    );
  }

  /** Accounts for a buffer the run is about to allocate. */
  reserve(bytes: number, what: string): void {
    this.reservedBytes += bytes;
    if (this.reservedBytes > this.maxMemoryBytes) {
      throw new PineLimitError(
        `Memory limit exceeded: ${what} needs ${Math.ceil(bytes / 1048576)} MiB, total ` +
          `${Math.ceil(this.reservedBytes / 1048576)} MiB > ${Math.floor(this.maxMemoryBytes / 1048576)} MiB`,
        'memory',
      );
    }
  }

  get reserved(): number {
    return this.reservedBytes;
  }
}
