#!/usr/bin/env node
// Runs the benchmarks one after another (never in parallel: they measure time on a shared machine).
// Usage: npm run bench [-- area ...]   areas: frontend runtime ta strategy data service
import { spawnSync } from 'node:child_process';

const AREAS = {
  frontend: ['bench/frontend/parse.ts', 'bench/frontend/check.ts'],
  runtime: ['bench/runtime/bench.ts'],
  ta: ['bench/ta/throughput.ts'],
  strategy: ['bench/strategy/macd.ts'],
  data: ['bench/data/import.ts'],
  service: ['bench/service/run.ts', 'bench/service/concurrent.ts', 'bench/service/sweep.ts'],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((a) => !(a in AREAS));
if (unknown.length) {
  console.error(`unknown benchmark area(s): ${unknown.join(', ')}; known: ${Object.keys(AREAS).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const area of wanted.length ? wanted : Object.keys(AREAS)) {
  for (const script of AREAS[area]) {
    console.log(`\n### ${area}: ${script}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
    if (r.status !== 0) failed++;
  }
}
process.exit(failed ? 1 : 0);
