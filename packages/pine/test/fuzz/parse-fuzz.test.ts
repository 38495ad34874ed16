// Robustness: 10,000+ deterministic random mutations of real corpus scripts (token deletions,
// swaps, truncations, byte noise, indentation changes) must never make the parser throw or hang,
// and every diagnostic and node span must stay inside the source.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../../../test-support/shared.js';
import { tokenize } from '../../src/lexer/index.js';
import { parse } from '../../src/parser/index.js';

const ITERATIONS = 10_000;
const SEED = 0x5eed_1234;
/** Per-parse ceiling; real parses of these windows take well under a millisecond. */
const MAX_PARSE_MS = 1_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.pine')) out.push(path);
  }
  return out;
}

const NOISE = ['(', ')', '[', ']', '"', "'", '#', '\n', '\t', '    ', '  ', ',', ':', '?', '=>', ':=', '=', '.', '\u0000', 'é', '\r', '//', 'if ', 'else', '<', '>'];

function mutate(src: string, rand: () => number): string {
  const pick = (n: number): number => Math.floor(rand() * n);
  let s = src;
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const op = pick(6);
    // Only the token-level mutations need the (comparatively costly) tokenizer.
    const tokens = op <= 1 ? tokenize(s).tokens.filter((t) => t.end > t.start) : [];
    switch (op) {
      case 0: {
        // delete a token
        if (tokens.length === 0) break;
        const t = tokens[pick(tokens.length)]!;
        s = s.slice(0, t.start) + s.slice(t.end);
        break;
      }
      case 1: {
        // swap two adjacent tokens
        if (tokens.length < 2) break;
        const i = pick(tokens.length - 1);
        const a = tokens[i]!;
        const b = tokens[i + 1]!;
        s = s.slice(0, a.start) + s.slice(b.start, b.end) + s.slice(a.end, b.start) + s.slice(a.start, a.end) + s.slice(b.end);
        break;
      }
      case 2:
        // truncate
        s = s.slice(0, pick(s.length + 1));
        break;
      case 3: {
        // byte noise: insert or replace
        const at = pick(s.length + 1);
        const noise = rand() < 0.5 ? NOISE[pick(NOISE.length)]! : String.fromCharCode(pick(128));
        s = s.slice(0, at) + noise + s.slice(at + (rand() < 0.5 ? 1 : 0));
        break;
      }
      case 4: {
        // change a line's indentation
        const lines = s.split('\n');
        const i = pick(lines.length);
        const delta = pick(7) - 3;
        lines[i] = delta >= 0 ? ' '.repeat(delta) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-delta}}`), '');
        s = lines.join('\n');
        break;
      }
      default: {
        // duplicate or drop a line
        const lines = s.split('\n');
        const i = pick(lines.length);
        if (rand() < 0.5) lines.splice(i, 0, lines[i]!);
        else lines.splice(i, 1);
        s = lines.join('\n');
      }
    }
  }
  return s;
}

function checkSpans(node: unknown, len: number, ids: Set<number>): void {
  if (Array.isArray(node)) {
    for (const n of node) checkSpans(n, len, ids);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as { kind?: string; id?: number; span?: { start: number; end: number } };
  if (o.kind !== undefined && o.span !== undefined) {
    if (!(o.span.start >= 0 && o.span.start <= o.span.end && o.span.end <= len)) {
      throw new Error(`bad span ${JSON.stringify(o.span)} on ${o.kind} (length ${len})`);
    }
    if (ids.has(o.id!)) throw new Error(`duplicate id ${o.id}`);
    ids.add(o.id!);
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'span' && k !== 'lineStarts' && k !== 'docs' && typeof v === 'object') checkSpans(v, len, ids); // docs repeat annotations
}

describe('parser fuzzing', () => {
  it(`survives ${ITERATIONS} seeded mutations of corpus scripts`, () => {
    const sources = walk(CORPUS_DIR).map((f) => readFileSync(f, 'utf8').split('\n'));
    const rand = mulberry32(SEED);
    let maxMs = 0;
    let withErrors = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      // A window of up to 120 lines keeps each case small; windows also start mid-block.
      const lines = sources[Math.floor(rand() * sources.length)]!;
      const from = Math.floor(rand() * lines.length);
      const window = lines.slice(from, from + 1 + Math.floor(rand() * 120)).join('\n');
      const input = mutate(window, rand);
      const t0 = performance.now();
      let result;
      try {
        result = parse(input);
      } catch (e) {
        throw new Error(`parse threw on case ${i}: ${String(e)}\n--- input ---\n${input}`);
      }
      maxMs = Math.max(maxMs, performance.now() - t0);
      if (result.diagnostics.some((d) => d.severity === 'error')) withErrors++;
      for (const d of result.diagnostics) {
        if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= input.length && d.line >= 1 && d.column >= 1)) {
          throw new Error(`bad diagnostic ${JSON.stringify(d)} on case ${i}`);
        }
        if (d.code === 'internal') throw new Error(`internal parser error on case ${i}: ${d.message}\n--- input ---\n${input}`);
      }
      // Full span/id walk on a tenth of the cases keeps the test fast.
      if (i % 10 === 0) checkSpans(result.ast, input.length, new Set());
    }
    expect(maxMs).toBeLessThan(MAX_PARSE_MS);
    // Sanity: the mutations really do break most scripts.
    expect(withErrors).toBeGreaterThan(ITERATIONS / 4);
  });
});
