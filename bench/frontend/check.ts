// Front-end speed: parse + check of a ~1,000-line real script (target: < 20 ms together), and the
// checker alone over the whole v5/v6 corpus (ms per 1,000 lines).
// Run: npx tsx bench/frontend/check.ts
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../test-support/shared.js';
import { check } from '../../packages/pine/src/checker/index.js';
import { parse } from '../../packages/pine/src/parser/index.js';

const FILE = join(CORPUS_DIR, 'strategy-v6', '0070_chained-lr-strategy.pine');
const source = readFileSync(FILE, 'utf8');
const lines = source.split('\n').length;

/**
 * Median wall time, plus mean CPU time of this process: on a shared, loaded machine the wall time
 * includes waiting for a core, the CPU time does not.
 */
function measure(label: string, fn: () => unknown, runs = 200): number {
  for (let i = 0; i < 30; i++) fn(); // warm up the JIT
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)]!;
  const p95 = times[Math.floor(runs * 0.95)]!;
  console.log(
    `${label.padEnd(14)} median ${median.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   cpu ${cpuMs.toFixed(2)} ms   (${(lines / median).toFixed(0)} lines/ms)`,
  );
  return median;
}

const parsed = parse(source);
const coldStart = performance.now();
const first = check(parsed.ast, { source });
const coldMs = performance.now() - coldStart;
const errors = [...parsed.diagnostics, ...first.diagnostics].filter((d) => d.severity === 'error');
if (errors.length > 0) throw new Error(`bench script does not check: ${errors[0]!.message}`);

console.log(`${FILE} — ${lines} lines, ${source.length} chars`);
console.log(`first (cold) check: ${coldMs.toFixed(2)} ms`);
measure('check', () => check(parsed.ast, { source }));
const both = measure('parse + check', () => check(parse(source).ast, { source }));
console.log(`parse + check per 1,000 lines: ${((both * 1000) / lines).toFixed(2)} ms (target < 20 ms)`);

// Whole corpus (v5/v6), checker only, after one warm-up pass.
function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'v4-or-older') walk(path, out);
    } else if (name.endsWith('.pine')) out.push(path);
  }
  return out;
}
const scripts = walk(CORPUS_DIR)
  .map((f) => readFileSync(f, 'utf8'))
  .map((s) => ({ s, ast: parse(s).ast, lines: s.split('\n').length }));
for (const x of scripts) check(x.ast, { source: x.s });
let total = 0;
let totalLines = 0;
const corpusCpu0 = process.cpuUsage();
for (const x of scripts) {
  const t0 = performance.now();
  check(x.ast, { source: x.s });
  total += performance.now() - t0;
  totalLines += x.lines;
}
const corpusCpu = process.cpuUsage(corpusCpu0);
const corpusCpuMs = (corpusCpu.user + corpusCpu.system) / 1000;
console.log(
  `corpus: ${scripts.length} scripts, ${totalLines} lines, check ${total.toFixed(0)} ms wall = ${((total * 1000) / totalLines).toFixed(2)} ms per 1,000 lines (cpu ${((corpusCpuMs * 1000) / totalLines).toFixed(2)} ms)`,
);
