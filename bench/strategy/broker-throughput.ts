// Broker-only throughput: how many bars per second the emulator processes with a typical order load
// (two stop entries re-issued every bar + a bracket exit), independent of the Pine compiler.
// Run: npx tsx bench/strategy/broker-throughput.ts [bars]
import { createBroker, type BrokerBar } from '../../packages/pine/src/broker/index.js';
import { defaultSymbolInfo } from '../../packages/pine/src/core/symbol.js';

const n = Number(process.argv[2] ?? 1_000_000);

// Deterministic random walk on a 0.01 grid.
let seed = 42;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const bars: BrokerBar[] = [];
let price = 100;
for (let i = 0; i < n; i++) {
  const open = price;
  const close = Math.max(1, Math.round((open + (rnd() - 0.5) * 2) * 100) / 100);
  const high = Math.round((Math.max(open, close) + rnd()) * 100) / 100;
  const low = Math.round((Math.min(open, close) - rnd()) * 100) / 100;
  bars.push({ time: Date.UTC(2020, 0, 1) + i * 60_000, open, high, low, close, newDay: i % 1440 === 0 });
  price = close;
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const broker = createBroker({ defaultQtyType: 'fixed', defaultQtyValue: 1, commissionValue: 0.01, slippage: 1 }, defaultSymbolInfo());
const hh: number[] = [];
const ll: number[] = [];
for (let i = 0; i < n; i++) {
  const b = bars[i]!;
  broker.beforeScript(i, b);
  hh.push(b.high);
  ll.push(b.low);
  if (hh.length > 20) {
    hh.shift();
    ll.shift();
  }
  const up = Math.max(...hh);
  const dn = Math.min(...ll);
  broker.placeEntry('entry', 'LE', 'long', undefined, undefined, up + 0.01);
  broker.placeEntry('entry', 'SE', 'short', undefined, undefined, dn - 0.01);
  broker.placeExit('XL', 'LE', undefined, undefined, 500, undefined, 300, undefined);
  broker.placeExit('XS', 'SE', undefined, undefined, 500, undefined, 300, undefined);
  broker.afterScript(i, b);
}
broker.finish();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
// CPU time is reported too: on a shared machine wall time mostly measures the other processes.
console.log(`${n} bars, ${broker.closedTrades.length} trades: wall ${ms.toFixed(0)} ms (${((n / ms) * 1000).toFixed(0)} bars/s), cpu ${cpuMs.toFixed(0)} ms (${((n / cpuMs) * 1000).toFixed(0)} bars/s)`);
