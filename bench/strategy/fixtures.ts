// End-to-end strategy throughput: compile and run the TradingView built-in strategy fixtures
// (shared/refdata/tradingview/strategies/pine) on their 23k-bar EURUSD 60m data, reporting bars/s.
// Run: npx tsx bench/strategy/fixtures.ts [repeats]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, run } from '../../packages/pine/src/api.js';
import { barColumnsFromRows, defaultSymbolInfo, type Bar } from '../../packages/pine/src/core/index.js';
import { TV_DIR } from '../../test-support/shared.js';

const repeats = Number(process.argv[2] ?? 3);
const S = join(TV_DIR, 'strategies');
const rows: Bar[] = readFileSync(join(S, 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const f = line.split(',');
    return { time: Date.parse(f[0]!), open: +f[1]!, high: +f[2]!, low: +f[3]!, close: +f[4]!, volume: NaN };
  });
const bars = barColumnsFromRows(rows);
const syminfo = defaultSymbolInfo({ type: 'forex', mintick: 0.00001, pricescale: 100000, timezone: 'America/New_York' });

for (const name of ['rsi', 'bollinger', 'channelbreakout', 'supertrend', 'barupdn']) {
  const program = compile(readFileSync(join(S, 'pine', `${name}.pine`), 'utf8')).program;
  if (!program) throw new Error(`${name}: does not compile`);
  let best = Infinity;
  let trades = 0;
  for (let r = 0; r < repeats; r++) {
    const cpu0 = process.cpuUsage();
    const result = run(program, bars, { syminfo, timeframe: '60' });
    const cpu = process.cpuUsage(cpu0);
    best = Math.min(best, (cpu.user + cpu.system) / 1000);
    trades = result.strategy?.broker.closedTrades.length ?? 0;
  }
  // CPU time (best of N): on a shared machine wall time mostly measures the other processes.
  console.log(`${name.padEnd(16)} ${bars.length} bars, ${trades} trades: ${best.toFixed(0)} ms cpu, ${((bars.length / best) * 1000).toFixed(0)} bars/s`);
}
