// Bars backed by one SharedArrayBuffer. Loaded bars go to job threads (and an optimisation's helper
// threads); typed arrays over shared memory cross postMessage/workerData as references, so the
// columns are copied once when loaded instead of once per thread. Nothing writes to bars after loading.
import type { BarColumns } from '@pineback/pine';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export function isShared(b: BarColumns): boolean {
  return b.time.buffer instanceof SharedArrayBuffer;
}

export function shareBars(b: BarColumns): BarColumns {
  if (isShared(b)) return b;
  const n = b.length;
  const buf = new SharedArrayBuffer(COLUMNS.length * n * Float64Array.BYTES_PER_ELEMENT);
  const col = (k: number): Float64Array => {
    const c = new Float64Array(buf, k * n * Float64Array.BYTES_PER_ELEMENT, n);
    c.set(b[COLUMNS[k]!].subarray(0, n));
    return c;
  };
  return { length: n, time: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}
