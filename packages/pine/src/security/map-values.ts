// Turns a context's per-bar values of one request.security expression into the host's series.
import type { Alignment, Intrabars } from './align.js';

/** gaps_off: every host bar shows the visible context value; gaps_on: only where it first arrives. */
export function mapValues<T>(values: ArrayLike<T>, alignment: Alignment, gaps: boolean, na: T): T[] {
  const { index, fresh } = alignment;
  const out = new Array<T>(index.length);
  for (let i = 0; i < index.length; i++) {
    const j = index[i]!;
    out[i] = j < 0 || (gaps && fresh[i] === 0) ? na : values[j]!;
  }
  return out;
}

/** mapValues for numeric series (na = NaN) into a Float64Array. */
export function mapNumbers(values: ArrayLike<number>, alignment: Alignment, gaps: boolean): Float64Array {
  const { index, fresh } = alignment;
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) {
    const j = index[i]!;
    out[i] = j < 0 || (gaps && fresh[i] === 0) ? NaN : values[j]!;
  }
  return out;
}

/** request.security_lower_tf: the array of intrabar values for every host bar (empty when none). */
export function mapIntrabarArrays<T>(values: ArrayLike<T>, intrabars: Intrabars): T[][] {
  const n = intrabars.start.length;
  const out = new Array<T[]>(n);
  for (let i = 0; i < n; i++) {
    const row: T[] = [];
    for (let j = intrabars.start[i]!; j < intrabars.end[i]!; j++) row.push(values[j]!);
    out[i] = row;
  }
  return out;
}
