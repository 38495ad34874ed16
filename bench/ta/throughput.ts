// ta.* throughput: every registry entry driven bar by bar over 1,000,000 synthetic bars (one call
// site, one call per bar, as the runtime does). Prints values/s and a markdown table.
//   npx tsx bench/ta/throughput.ts            (all)
//   npx tsx bench/ta/throughput.ts sma rsi    (entries whose key contains one of the words)
import type { BarView, RuntimeContext } from '../../packages/pine/src/core/context.js';
import { TA_FUNCTIONS, TA_VARIABLES } from '../../packages/pine/src/ta/registry.js';

const N = 1_000_000;

// deterministic random walk (xorshift32), prices ~100, occasional equal closes
let seed = 0x9e3779b9;
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const open = new Float64Array(N);
const high = new Float64Array(N);
const low = new Float64Array(N);
const close = new Float64Array(N);
const volume = new Float64Array(N);
const newDay = new Uint8Array(N);
let p = 100;
for (let i = 0; i < N; i++) {
  const o = p;
  const c = Math.round((o + (rnd() - 0.5) * 0.8) * 100) / 100;
  open[i] = o;
  close[i] = c;
  high[i] = Math.max(o, c) + Math.round(rnd() * 30) / 100;
  low[i] = Math.min(o, c) - Math.round(rnd() * 30) / 100;
  volume[i] = 1000 + Math.floor(rnd() * 9000);
  newDay[i] = i % 390 === 0 ? 1 : 0;
  p = c;
}
const cond = new Uint8Array(N);
for (let i = 1; i < N; i++) cond[i] = close[i]! > close[i - 1]! ? 1 : 0;

const current: BarView = { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0, timeClose: 0, newDay: false };
const ctx = { bar: 0, current } as unknown as RuntimeContext;

/**
 * Argument expressions per entry (JS source, evaluated with `i` = bar index and the data columns in
 * scope). Lengths are 14 unless the function needs others. Each entry gets its own generated loop so
 * the call is monomorphic and allocation-free, i.e. we time the ta code, not the harness.
 */
const ARGS: Record<string, string> = {
  'ta.alma': 'close[i], 14, 0.85, 6, false',
  'ta.atr': '14',
  'ta.barssince': 'cond[i] === 1',
  'ta.bb': 'close[i], 20, 2',
  'ta.bbw': 'close[i], 20, 2',
  'ta.change#2': 'cond[i] === 1, 1',
  'ta.correlation': 'close[i], open[i], 14',
  'ta.cross': 'close[i], open[i]',
  'ta.crossover': 'close[i], open[i]',
  'ta.crossunder': 'close[i], open[i]',
  'ta.cum': 'close[i]',
  'ta.dmi': '14, 14',
  'ta.highest#1': '14',
  'ta.highestbars#1': '14',
  'ta.kc': 'close[i], 20, 1.5, true',
  'ta.kcw': 'close[i], 20, 1.5, true',
  'ta.linreg': 'close[i], 14, 0',
  'ta.lowest#1': '14',
  'ta.lowestbars#1': '14',
  'ta.macd': 'close[i], 12, 26, 9',
  'ta.max': 'close[i]',
  'ta.min': 'close[i]',
  'ta.percentile_linear_interpolation': 'close[i], 14, 30',
  'ta.percentile_nearest_rank': 'close[i], 14, 30',
  'ta.pivot_point_levels': "'Traditional', newDay[i] === 1, false",
  'ta.pivothigh#0': '5, 5',
  'ta.pivothigh#1': 'close[i], 5, 5',
  'ta.pivotlow#0': '5, 5',
  'ta.pivotlow#1': 'close[i], 5, 5',
  'ta.sar': '0.02, 0.02, 0.2',
  'ta.stoch': 'close[i], high[i], low[i], 14',
  'ta.supertrend': '3, 10',
  'ta.swma': 'close[i]',
  'ta.tr': 'true',
  'ta.tsi': 'close[i], 13, 25',
  'ta.valuewhen': 'cond[i] === 1, close[i], 1',
  'ta.vwap#0': 'close[i], newDay[i] === 1',
  'ta.vwap#1': 'close[i], newDay[i] === 1, 2',
  'ta.wpr': '14',
};
const DEFAULT_ARGS = 'close[i], 14';

/** Windowed functions whose cost per bar grows with `length` by definition or for TradingView parity. */
const WINDOWED: Record<string, string> = {
  'ta.alma': 'Gaussian weights are not recursive: O(length) per bar',
  'ta.wma': 'fresh weighted sum, oldest first, for bit parity with TradingView (logs test_246): O(length)',
  'ta.hma': 'three wma machines: O(length)',
  'ta.dev': 'mean absolute deviation around the current mean: O(length)',
  'ta.cci': 'uses dev: O(length)',
  'ta.rci': 'ranks of the window: O(length²) insertion sort (length is small in practice)',
  'ta.percentrank': 'count over the previous length values: O(length)',
  'ta.median': 'sorted window, insert/remove by memmove: O(length)',
  'ta.mode': 'scan of the sorted window: O(length)',
  'ta.percentile_linear_interpolation': 'sorted window: O(length) memmove',
  'ta.percentile_nearest_rank': 'sorted window: O(length) memmove',
  'ta.pivothigh#0': 'checks leftbars+rightbars neighbours: O(left+right)',
  'ta.pivothigh#1': 'checks leftbars+rightbars neighbours: O(left+right)',
  'ta.pivotlow#0': 'checks leftbars+rightbars neighbours: O(left+right)',
  'ta.pivotlow#1': 'checks leftbars+rightbars neighbours: O(left+right)',
};

interface Row {
  key: string;
  rate: number;
  note: string;
}

type Loop = (site: unknown, cols: unknown) => number;

function makeLoop(argExpr: string | null): Loop {
  const call = argExpr === null ? 'site.update(i, ctx)' : `site.update(i, ctx, ${argExpr})`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(
    'site',
    'cols',
    `const { open, high, low, close, volume, newDay, cond, current, ctx, N } = cols;
     let sink = 0;
     for (let i = 0; i < N; i++) {
       current.open = open[i]; current.high = high[i]; current.low = low[i]; current.close = close[i];
       current.volume = volume[i]; current.newDay = newDay[i] === 1;
       const r = ${call};
       if (r === r) sink++;
     }
     return sink;`,
  ) as Loop;
}

const cols = { open, high, low, close, volume, newDay, cond, current, ctx, N };

function bench(key: string, create: () => unknown, argExpr: string | null): Row {
  const loop = makeLoop(argExpr);
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const site = create();
    // CPU time of this process, not wall time: the bench machine is shared, and waiting for a core
    // is not the code's cost
    const c0 = process.cpuUsage();
    const sink = loop(site, cols);
    const c1 = process.cpuUsage(c0);
    const dt = (c1.user + c1.system) / 1000;
    if (sink < 0) console.log(sink);
    best = Math.min(best, dt);
  }
  return { key, rate: N / (best / 1000), note: WINDOWED[key] ?? '' };
}

// Each entry runs in its own process by default, so one function's type feedback (e.g. ExpFilter
// used as ema and then as rma) does not slow down the next one's measurement.
const argv = process.argv.slice(2);
const oneIdx = argv.indexOf('--one');
if (oneIdx >= 0) {
  const key = argv[oneIdx + 1]!;
  const isVar = key.endsWith(' (variable)');
  const name = isVar ? key.slice(0, -' (variable)'.length) : key;
  const e = isVar ? TA_VARIABLES[name] : TA_FUNCTIONS[name];
  if (!e) throw new Error(`unknown ${key}`);
  const row = bench(key, e.create, isVar ? null : (ARGS[key] ?? DEFAULT_ARGS));
  process.stdout.write(JSON.stringify(row));
} else {
  const inProcess = argv.includes('--in-process');
  const filter = argv.filter((a) => !a.startsWith('--'));
  const want = (k: string) => filter.length === 0 || filter.some((w) => k.includes(w));
  const keys = [...Object.keys(TA_FUNCTIONS), ...Object.keys(TA_VARIABLES).map((k) => `${k} (variable)`)].filter(want);
  const rows: Row[] = [];
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  for (const key of keys) {
    let row: Row;
    if (inProcess) {
      const isVar = key.endsWith(' (variable)');
      const name = isVar ? key.slice(0, -' (variable)'.length) : key;
      const e = (isVar ? TA_VARIABLES[name] : TA_FUNCTIONS[name])!;
      row = bench(key, e.create, isVar ? null : (ARGS[key] ?? DEFAULT_ARGS));
    } else {
      const out = execFileSync(process.execPath, [...process.execArgv, self, '--one', key], { encoding: 'utf8' });
      row = JSON.parse(out) as Row;
    }
    rows.push(row);
    console.log(`${key.padEnd(40)} ${(row.rate / 1e6).toFixed(1).padStart(7)} M values/s`);
  }
  console.log('\n| function | M values/s | note |\n|---|---:|---|');
  for (const r of rows) console.log(`| \`${r.key}\` | ${(r.rate / 1e6).toFixed(1)} | ${r.rate < 1e7 && !r.note ? '**below goal**' : r.note} |`);
}
