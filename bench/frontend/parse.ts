// Front-end parse speed on a ~1,000-line real script (target: < 20 ms including the checker).
// Run: npx tsx bench/frontend/parse.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../test-support/shared.js';
import { tokenize } from '../../packages/pine/src/lexer/index.js';
import { parse } from '../../packages/pine/src/parser/index.js';

const FILE = join(CORPUS_DIR, 'strategy-v6', '0070_chained-lr-strategy.pine');
const source = readFileSync(FILE, 'utf8');
const lines = source.split('\n').length;

function measure(label: string, fn: () => unknown, runs = 200): void {
  for (let i = 0; i < 30; i++) fn(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)]!;
  const p95 = times[Math.floor(runs * 0.95)]!;
  console.log(`${label.padEnd(10)} median ${median.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   (${(lines / median).toFixed(0)} lines/ms)`);
}

// The first call includes JIT warm-up of the parser's code paths.
const coldStart = performance.now();
const result = parse(source);
const coldMs = performance.now() - coldStart;
const errors = result.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0) throw new Error(`bench script does not parse: ${errors[0]!.message}`);

console.log(`${FILE} — ${lines} lines, ${source.length} chars`);
console.log(`first (cold) parse: ${coldMs.toFixed(2)} ms`);
measure('tokenize', () => tokenize(source));
measure('parse', () => parse(source));
