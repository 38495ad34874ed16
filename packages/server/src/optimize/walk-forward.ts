// Walk-forward windows over a bar range: the range is cut into `windows` equal steps; each window
// optimises on its in-sample part and is scored on the out-of-sample part that follows it.
// Anchored windows keep the in-sample start at the range start. Works on bar indices (pure).
import type { WalkForward } from '../schemas/optimizations.js';

export interface Window {
  index: number;
  /** Bar index ranges, [start, end) */
  inSample: [number, number];
  outOfSample: [number, number];
}

export function walkForwardWindows(barCount: number, wf: WalkForward): Window[] {
  // Rolling: window length L with step = OOS length, so the OOS segments tile the tail without overlap.
  // n windows: L + (n-1)·oos = barCount, oos = L·(1-r)  ⇒  L = barCount / (1 + (n-1)(1-r)).
  const r = wf.inSampleRatio;
  const n = wf.windows;
  const length = barCount / (1 + (n - 1) * (1 - r));
  const oos = Math.floor(length * (1 - r));
  const is = Math.floor(length) - oos;
  if (is < 2 || oos < 1) throw new Error(`walk-forward: ${barCount} bars are too few for ${n} windows at in-sample ratio ${r}`);
  const out: Window[] = [];
  for (let i = 0; i < n; i++) {
    const isEnd = is + i * oos;
    const isStart = wf.anchored ? 0 : i * oos;
    out.push({ index: i, inSample: [isStart, isEnd], outOfSample: [isEnd, Math.min(barCount, isEnd + oos)] });
  }
  return out;
}
