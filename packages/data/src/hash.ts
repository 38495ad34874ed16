// Dataset identity: a SHA-256 over a canonical byte form of the exact bars a backtest used, so the
// same bars give the same hash whichever store (or file) they came from.
//
// Canonical form (version 1): UTF-8 header "pineback-dataset/1\n<EXCHANGE:TICKER>\n<timeframe>\n<n>\n",
// then the six columns time, open, high, low, close, volume, each as n little-endian float64 values,
// with every NaN written as the canonical quiet NaN and -0 as +0.
import { createHash } from 'node:crypto';
import type { BarColumns } from '@pineback/pine';

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function canonicalBytes(col: Float64Array): Uint8Array {
  const copy = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    copy[i] = v !== v ? NaN : v === 0 ? 0 : v;
  }
  if (LITTLE_ENDIAN) return new Uint8Array(copy.buffer);
  const out = new Uint8Array(copy.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < copy.length; i++) view.setFloat64(i * 8, copy[i]!, true);
  return out;
}

export function datasetHash(symbol: string, timeframe: string, bars: BarColumns): string {
  const h = createHash('sha256');
  h.update(`pineback-dataset/1\n${symbol}\n${timeframe}\n${bars.length}\n`, 'utf8');
  for (const col of [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume]) {
    h.update(canonicalBytes(col));
  }
  return h.digest('hex');
}
