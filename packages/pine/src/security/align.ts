// Which bar of a requested context a host bar (chart bar, or the bar of an enclosing context for
// nested requests) sees. Pure time arithmetic on open times and scheduled close times, so it works for
// any pair of series: another symbol on the same timeframe, a higher timeframe, a lower one.
//
// Rules (TradingView, historical bars):
// * lookahead_off, same or higher timeframe: the last context bar whose scheduled close is at or before
//   the host bar's close — a new HTF value appears on the host bar where the HTF period ends; host bars
//   inside the period carry the previous value; a host bar with no context bar of its own (a holiday on
//   one exchange) carries the previous value too.
// * lookahead_on, same or higher timeframe: the last context bar that opened at or before the host bar's
//   open — the value of the period the host bar lies in, from its first host bar on (future leak).
// * lower timeframe: the context bars opening inside the host bar [open, close) are its intrabars;
//   lookahead_off takes the last one, lookahead_on the first; a host bar with no intrabar gets no new value.
// * realtime host bars (lookahead_off, same/higher timeframe): the still-forming context bar, i.e. the
//   one the host bar lies in. A backtest has no realtime bars unless the caller says the last one is.

/** Open and scheduled close times of a series of bars. */
export interface Timeline {
  readonly length: number;
  readonly time: ArrayLike<number>;
  readonly closeTime: ArrayLike<number>;
}

export interface Alignment {
  /** Context bar visible on each host bar; -1 = none yet. */
  readonly index: Int32Array;
  /** 1 on the host bar where that context value first arrives (what gaps_on keeps). */
  readonly fresh: Uint8Array;
}

export interface Intrabars {
  /** Context bars [start[i], end[i]) are the intrabars of host bar i (empty when equal). */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

function freshFlags(index: Int32Array): Uint8Array {
  const fresh = new Uint8Array(index.length);
  let prev = -1;
  for (let i = 0; i < index.length; i++) {
    const j = index[i]!;
    if (j >= 0 && j !== prev) fresh[i] = 1;
    prev = j;
  }
  return fresh;
}

/** Last index j with key[j] <= limit, searching forward from `from` (keys ascending). */
function advance(key: ArrayLike<number>, n: number, from: number, limit: number): number {
  let j = from;
  while (j + 1 < n && key[j + 1]! <= limit) j++;
  return j;
}

/**
 * Same or higher timeframe. Host bars at index >= `realtimeFrom` are realtime (default: none).
 */
export function alignHigher(host: Timeline, ctx: Timeline, lookahead: boolean, realtimeFrom = host.length): Alignment {
  const index = new Int32Array(host.length);
  let byClose = -1;
  let byOpen = -1;
  for (let i = 0; i < host.length; i++) {
    byOpen = advance(ctx.time, ctx.length, byOpen, host.time[i]!);
    if (lookahead || i >= realtimeFrom) {
      index[i] = byOpen;
    } else {
      byClose = advance(ctx.closeTime, ctx.length, byClose, host.closeTime[i]!);
      index[i] = byClose;
    }
  }
  return { index, fresh: freshFlags(index) };
}

/** Lower timeframe: the intrabars of each host bar (context bars opening in [open, close)). */
export function intrabarRanges(host: Timeline, ctx: Timeline): Intrabars {
  const start = new Int32Array(host.length);
  const end = new Int32Array(host.length);
  let j = 0;
  for (let i = 0; i < host.length; i++) {
    const open = host.time[i]!;
    const close = host.closeTime[i]!;
    while (j < ctx.length && ctx.time[j]! < open) j++;
    start[i] = j;
    while (j < ctx.length && ctx.time[j]! < close) j++;
    end[i] = j;
  }
  return { start, end };
}

/**
 * Lower timeframe request.security: the last (lookahead_off) or first (lookahead_on) intrabar.
 * Host bars after the context's data has ended (`ctxLength` bars, all of them before the host bar)
 * get none: the requested feed has no data there (TradingView's lower-timeframe history simply stops,
 * the value is na), which is not a gap to carry the last intrabar across. Before its first bar the
 * index is -1 anyway.
 */
export function alignLower(intrabars: Intrabars, lookahead: boolean, ctxLength = Infinity): Alignment {
  const n = intrabars.start.length;
  const index = new Int32Array(n);
  const fresh = new Uint8Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const a = intrabars.start[i]!;
    const b = intrabars.end[i]!;
    if (b > a) {
      prev = lookahead ? a : b - 1;
      fresh[i] = 1;
    } else if (a >= ctxLength) {
      prev = -1;
    }
    index[i] = prev;
  }
  return { index, fresh };
}
