// Test helpers: parse + check + compile + run a script with packages/pine on synthetic bars.
import { barColumnsFromRows, check, compile, parse, run, type BarColumns, type Diagnostic } from '../../../pine/src/index.js';

export function diagnosticsOf(source: string): Diagnostic[] {
  const parsed = parse(source);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return errors;
  return check(parsed.ast, { source }).diagnostics.filter((d) => d.severity === 'error');
}

export function describe(diags: readonly Diagnostic[]): string {
  return diags.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n');
}

/** A deterministic random walk with trends, so crossovers and entries actually happen. */
export function syntheticBars(n = 1500, seed = 7): BarColumns {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = [];
  let price = 100;
  const t0 = Date.UTC(2023, 0, 2);
  for (let i = 0; i < n; i++) {
    const drift = Math.sin(i / 40) * 0.6;
    const open = price + (rnd() - 0.5) * 0.8;
    const close = Math.max(1, open + drift + (rnd() - 0.5) * 3);
    const high = Math.max(open, close) + rnd() * 1.5;
    const low = Math.min(open, close) - rnd() * 1.5;
    rows.push({ time: t0 + i * 86_400_000, open, high, low, close, volume: 1000 + Math.round(rnd() * 5000) });
    price = close;
  }
  return barColumnsFromRows(rows);
}

export function runScript(source: string, bars = syntheticBars()) {
  const compiled = compile(source);
  if (!compiled.ok || !compiled.program) throw new Error(`compile failed:\n${describe(compiled.diagnostics.filter((d) => d.severity === 'error'))}`);
  return run(compiled.program, bars);
}
