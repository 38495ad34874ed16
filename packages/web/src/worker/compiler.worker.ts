// Web Worker running packages/pine: live diagnostics (parse → check → codegen) for the editor, and quick
// in-browser backtests with the same runtime the server uses.
import { compile, run, type BarColumns, type Diagnostic, type StrategySettings } from '@pineback/pine';
import type { Settings } from '../api/types.js';
import { inputSpecs, toRunResult } from '../local/to-run-result.js';
import type { CheckReply, LocalBars, WorkerDiagnostic, WorkerRequest, WorkerResponse } from './protocol.js';

const post = (m: WorkerResponse): void => (self as unknown as { postMessage(m: WorkerResponse): void }).postMessage(m);

function toWorkerDiagnostic(d: Diagnostic): WorkerDiagnostic {
  return { severity: d.severity, message: d.message, from: d.span.start, to: Math.max(d.span.end, d.span.start), line: d.line, column: d.column, code: d.code };
}

function checkSource(source: string): CheckReply {
  const res = compile(source);
  const p = res.program;
  return {
    diagnostics: res.diagnostics.map(toWorkerDiagnostic),
    inputs: p ? inputSpecs(p) : [],
    kind: p ? p.kind : null,
    title: p ? p.title : null,
  };
}

function columns(b: LocalBars): BarColumns {
  const n = b.time.length;
  const vol = new Float64Array(n);
  for (let i = 0; i < n; i++) vol[i] = b.volume[i] ?? NaN;
  return { length: n, time: Float64Array.from(b.time), open: Float64Array.from(b.open), high: Float64Array.from(b.high), low: Float64Array.from(b.low), close: Float64Array.from(b.close), volume: vol };
}

function overrides(s: Settings): Partial<StrategySettings> {
  const o: Record<string, unknown> = {};
  if (s.initialCapital !== undefined) o.initialCapital = s.initialCapital;
  if (s.orderSize) {
    o.defaultQtyType = s.orderSize.type;
    o.defaultQtyValue = s.orderSize.value;
  }
  if (s.commission) {
    o.commissionType = s.commission.type;
    o.commissionValue = s.commission.value;
  }
  if (s.slippageTicks !== undefined) o.slippage = s.slippageTicks;
  if (s.pyramiding !== undefined) o.pyramiding = s.pyramiding;
  return o as Partial<StrategySettings>;
}

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  try {
    if (msg.type === 'check') {
      post({ id: msg.id, type: 'check', reply: checkSource(msg.source) });
      return;
    }
    const r = msg.request;
    const compiled = compile(r.source);
    if (!compiled.program) {
      const first = compiled.diagnostics.find((d) => d.severity === 'error');
      throw new Error(first ? `line ${first.line}: ${first.message}` : 'the script does not compile');
    }
    const bars = columns(r.bars);
    let lastPct = -1;
    const out = run(compiled.program, bars, {
      timeframe: r.timeframe,
      inputs: r.inputs,
      strategy: overrides(r.settings),
      onProgress: (done, total) => {
        const pct = Math.floor((done / Math.max(1, total)) * 100);
        if (pct !== lastPct) {
          lastPct = pct;
          post({ id: msg.id, type: 'progress', done, total });
        }
      },
    });
    post({ id: msg.id, type: 'run', result: toRunResult(out, { symbol: r.symbol, timeframe: r.timeframe, timezone: 'UTC', barTimes: bars.time }) });
  } catch (err) {
    post({ id: msg.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
