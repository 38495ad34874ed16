// Identity of a backtest's outcome: the same script, inputs, settings, runs, range and data
// (dataset hashes) always give the same result, so a matching finished backtest is reused.
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every level, so logically equal values hash equally. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** Line endings and trailing whitespace do not change what a script does. */
export function scriptHash(source: string): string {
  return sha256(source.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\n+$/, ''));
}

export interface CacheKeyParts {
  scriptHash: string;
  /** The engine's library set, for scripts with imports (absent otherwise, so other keys are unchanged). */
  librariesKey?: string;
  inputs: Record<string, unknown>;
  settings: unknown;
  range: { from?: number; to?: number };
  runs: { symbol: string; timeframe: string; datasetHash: string }[];
}

export function cacheKey(p: CacheKeyParts): string {
  return sha256(canonicalJson({ v: 1, ...p }));
}

/** One hash over all runs' dataset hashes, in run order. */
export function combinedDatasetHash(hashes: readonly string[]): string {
  return hashes.length === 1 ? hashes[0]! : sha256(hashes.join('\n'));
}
