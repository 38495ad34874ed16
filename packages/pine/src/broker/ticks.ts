// Price and quantity grids. TradingView only trades at multiples of syminfo.mintick, so an order level
// that lies between two ticks is first reachable at the next tick in the direction price must travel.

/** Decimal places needed to print multiples of `step` exactly (removes binary noise like 1.1300000000000001). */
const decimalsCache = new Map<number, number>();
// Nearly every call in a run uses the same step (syminfo.mintick): remember the last answer so the hot path
// skips the Map lookup.
// Two remembered steps: a fill alternates between the quantity step (sizing) and the tick (prices), and a
// single slot made every fill fall through to the Map lookup.
let lastStep = NaN;
let lastScale = 1;
let prevStep = NaN;
let prevScale = 1;
function decimalsOf(step: number): number {
  let d = decimalsCache.get(step);
  if (d === undefined) {
    d = 0;
    if (!(step > 0)) d = 10;
    else while (d < 12 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9) d++;
    decimalsCache.set(step, d);
  }
  return d;
}

/** 10^decimalsOf(step): the factor `clean` rounds with. */
function scaleOf(step: number): number {
  if (step === lastStep) return lastScale;
  if (step === prevStep) return prevScale;
  prevStep = lastStep;
  prevScale = lastScale;
  lastScale = 10 ** decimalsOf(step);
  lastStep = step;
  return lastScale;
}

const EPS = 1e-7; // in units of one step: absorbs float error such as 1.13744/0.00001 = 113743.99999999999

function clean(x: number, step: number): number {
  const f = scaleOf(step);
  return Math.round(x * f) / f;
}

export function roundToStep(x: number, step: number): number {
  if (!(step > 0) || x !== x) return x;
  return clean(Math.round(x / step) * step, step);
}

export function ceilToStep(x: number, step: number): number {
  if (!(step > 0) || x !== x) return x;
  return clean(Math.ceil(x / step - EPS) * step, step);
}

export function floorToStep(x: number, step: number): number {
  if (!(step > 0) || x !== x) return x;
  return clean(Math.floor(x / step + EPS) * step, step);
}

/** Snaps `x` to the grid moving further from `ref` (tick-derived exit levels are snapped away from entry). */
export function awayFrom(x: number, ref: number, step: number): number {
  return x >= ref ? ceilToStep(x, step) : floorToStep(x, step);
}

/** Truncates a quantity to `decimals` places (sizing never rounds up: that could exceed the budget). */
export function truncateQty(qty: number, step: number): number {
  if (!(step > 0)) return qty;
  return floorToStep(qty, step);
}
