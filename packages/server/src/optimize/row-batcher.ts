// Finished iterations leave the optimisation thread in batches rather than one message (and one
// INSERT on the server's main thread) each: a 1,000-iteration sweep otherwise spends main-thread
// CPU on a thousand statements while both cores are meant to be computing. A batch goes out when it
// is full or when the previous one left long enough ago, so stored rows trail the compute closely.
import type { IterationRow } from '../store/optimizations-repo.js';

export const BATCH_ROWS = 64;
export const BATCH_MS = 250;

export class RowBatcher {
  private rows: IterationRow[] = [];
  private lastSent: number;

  constructor(
    private readonly send: (rows: IterationRow[]) => void,
    private readonly maxRows = BATCH_ROWS,
    private readonly maxAgeMs = BATCH_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSent = now();
  }

  /** Slow iterations (longer than `maxAgeMs` each) therefore go out one by one, as soon as they finish. */
  add(row: IterationRow): void {
    this.rows.push(row);
    if (this.rows.length >= this.maxRows || this.now() - this.lastSent >= this.maxAgeMs) this.flush();
  }

  flush(): void {
    this.lastSent = this.now();
    if (this.rows.length === 0) return;
    const out = this.rows;
    this.rows = [];
    this.send(out);
  }
}
