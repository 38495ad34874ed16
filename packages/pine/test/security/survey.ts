// Survey of the request.security corpus scripts (the set corpus.test.ts runs, same data choice): per
// script, the outcome, the CPU time of the run (best of N, process.cpuUsage: the machine is shared, wall
// time is noise) and a digest of everything the run produced. With --compare each script also runs with
// whole-script context runs (the program's slicing data removed), so one survey shows before/after
// figures on the same tree and data and whether any result changed.
// Usage: npx tsx packages/pine/test/security/survey.ts [filter] [--compare] [--repeat N] [--limit-ms MS] > out.tsv
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, run, type CompiledProgram, type RunResult } from '../../src/api.js';
import { PineLimitError, PineRuntimeError } from '../../src/core/errors.js';
import { CORPUS_DIR } from '../../../../test-support/shared.js';
import { spyBars, spySyminfo } from '../corpus/indicator-runner.js';
import { AliasProvider, securityFiles } from './corpus-runner.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const filter = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !/^--(repeat|limit-ms)$/.test(all[i - 1] ?? ''));
const compare = process.argv.includes('--compare');
const repeat = flag('--repeat', 1);
const limitMs = flag('--limit-ms', 300_000);

/** Typed arrays hashed by their bytes (NaN payloads included), everything else as JSON. */
function digest(r: RunResult): string {
  const h = createHash('sha1');
  const feed = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (Array.isArray(v)) v.forEach(feed);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) (h.update(k), feed(x));
    else h.update(`${typeof v}:${String(v)};`);
  };
  feed([r.plots, r.hlines, r.fills, r.colorSeries, r.alerts, r.alertConditions, r.logs, r.drawings]);
  if (r.strategy) feed([r.strategy.trades, r.strategy.summary]);
  return h.digest('hex').slice(0, 12);
}

const bars = spyBars();
const syminfo = spySyminfo();

/** Outcome, best CPU ms and digest (or error message) of `repeat` runs of a program. */
function measure(program: CompiledProgram): { outcome: string; cpu: number; sig: string } {
  let cpu = Infinity;
  let outcome = 'ok';
  let sig = '-';
  for (let k = 0; k < repeat; k++) {
    const t0 = process.cpuUsage();
    try {
      const r = run(program, bars, {
        syminfo,
        timeframe: '60',
        limits: { maxWallTimeMs: limitMs, maxLoopIterations: 200_000 },
        securityProvider: new AliasProvider(bars, syminfo, true),
      });
      sig = digest(r);
    } catch (err) {
      outcome = err instanceof PineLimitError ? 'limit' : err instanceof PineRuntimeError ? 'runtime' : 'crash';
      sig = `${(err as Error).message.replace(/\s+/g, ' ').slice(0, 160)}`;
    }
    const used = process.cpuUsage(t0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
    if (outcome !== 'ok') break;
  }
  return { outcome, cpu, sig };
}

let totals = [0, 0];
let changed = 0;
for (const file of securityFiles().filter((f) => !filter || f.includes(filter))) {
  const compiled = compile(readFileSync(join(CORPUS_DIR, file), 'utf8'));
  if (!compiled.ok || !compiled.program) {
    console.log(`${file}\tcompile`);
    continue;
  }
  const after = measure(compiled.program);
  if (!compare) {
    totals[1] += after.cpu;
    console.log(`${file}\t${after.outcome}\t${Math.round(after.cpu)}\t${after.sig}`);
    continue;
  }
  const { security: _sliced, ...whole } = compiled.program;
  const before = measure(whole);
  totals = [totals[0]! + before.cpu, totals[1]! + after.cpu];
  const same = before.outcome === after.outcome && before.sig === after.sig;
  if (!same) changed++;
  console.log(
    `${file}\t${before.outcome} ${Math.round(before.cpu)} → ${after.outcome} ${Math.round(after.cpu)}\t${same ? 'same' : `CHANGED ${before.sig} → ${after.sig}`}`,
  );
}
console.error(`total cpu ms ${compare ? `${Math.round(totals[0]!)} → ` : ''}${Math.round(totals[1]!)}${compare ? `, results changed: ${changed}` : ''}`);
