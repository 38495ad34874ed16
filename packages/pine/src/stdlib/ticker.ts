// ticker.* — build ticker identifiers for request.*() calls. A ticker id is a string: a plain
// "PREFIX:TICKER" when it carries no modifiers, otherwise "=" followed by a JSON object (the form
// TradingView's own modified ticker ids take): {"symbol": "PREFIX:TICKER", "session": …,
// "adjustment": …, "backadjustment": …, "settlement_as_close": …, "type": <chart type>, "inputs": {…}}.
// decodeTickerId() reads both forms back; request.security resolves data by `symbol`.
import type { RuntimeContext } from '../core/context.js';
import type { StdlibFunction } from './types.js';

export interface TickerId {
  symbol: string;
  session?: string;
  adjustment?: string;
  backadjustment?: string;
  settlement_as_close?: string;
  /** Non-standard chart type ("heikinashi", "renko", "linebreak", "kagi", "pointfigure"). */
  type?: string;
  inputs?: Record<string, string | number | boolean>;
}

/** Parses a ticker id as produced by ticker.*; a plain string is just a symbol. */
export function decodeTickerId(id: string): TickerId {
  if (id.startsWith('=')) {
    try {
      const parsed = JSON.parse(id.slice(1)) as TickerId;
      if (parsed && typeof parsed.symbol === 'string') return parsed;
    } catch {
      // not one of ours: fall through and treat the whole text as a symbol
    }
  }
  return { symbol: id };
}

/** The string form: plain when nothing but the symbol is set. Keys in a fixed order. */
export function encodeTickerId(t: TickerId): string {
  const out: Record<string, unknown> = { symbol: t.symbol };
  for (const k of ['session', 'adjustment', 'backadjustment', 'settlement_as_close', 'type', 'inputs'] as const) {
    if (t[k] !== undefined) out[k] = t[k];
  }
  return Object.keys(out).length === 1 ? t.symbol : `=${JSON.stringify(out)}`;
}

/** Modifiers that differ from the defaults (regular session, inherited adjustment/back-adjustment/settlement). */
function modifiers(ctx: RuntimeContext, base: TickerId, session: unknown, adjustment: unknown, backadjustment: unknown, settlement: unknown): TickerId {
  const t: TickerId = { ...base };
  const chartSession = 'regular';
  const s = typeof session === 'string' && session !== '' ? session : undefined;
  if (s !== undefined && s !== chartSession) t.session = s;
  else if (s === chartSession) delete t.session;
  if (typeof adjustment === 'string' && adjustment !== '') t.adjustment = adjustment;
  if (typeof backadjustment === 'string' && backadjustment !== 'inherit') t.backadjustment = backadjustment;
  if (typeof settlement === 'string' && settlement !== 'inherit') t.settlement_as_close = settlement;
  void ctx;
  return t;
}

const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

function chartType(symbol: unknown, type: string, inputs: Record<string, string | number | boolean>): string | null {
  const s = str(symbol);
  if (s === null) return null;
  const t = decodeTickerId(s);
  return encodeTickerId({ ...t, type, inputs });
}

export const TICKER_FUNCTIONS: Record<string, StdlibFunction> = {
  'ticker.new': {
    needsContext: true,
    impl: (ctx: RuntimeContext, prefix: unknown, ticker: unknown, session?: unknown, adjustment?: unknown, back?: unknown, settle?: unknown) => {
      const p = str(prefix);
      const t = str(ticker);
      if (t === null) return null;
      const symbol = p ? `${p}:${t}` : t;
      return encodeTickerId(modifiers(ctx, { symbol }, session, adjustment, back, settle));
    },
  },
  'ticker.modify': {
    needsContext: true,
    impl: (ctx: RuntimeContext, tickerid: unknown, session?: unknown, adjustment?: unknown, back?: unknown, settle?: unknown) => {
      const id = str(tickerid);
      if (id === null) return null;
      return encodeTickerId(modifiers(ctx, decodeTickerId(id), session, adjustment, back, settle));
    },
  },
  'ticker.standard': {
    needsContext: true,
    impl: (ctx: RuntimeContext, symbol?: unknown) => {
      const id = symbol === undefined ? `${ctx.syminfo.prefix}:${ctx.syminfo.ticker}` : str(symbol);
      return id === null ? null : decodeTickerId(id).symbol;
    },
  },
  'ticker.inherit': {
    impl: (from: unknown, symbol: unknown) => {
      const f = str(from);
      const s = str(symbol);
      if (s === null) return null;
      if (f === null) return s;
      const { symbol: _ignored, ...mods } = decodeTickerId(f);
      void _ignored;
      return encodeTickerId({ ...mods, symbol: decodeTickerId(s).symbol });
    },
  },
  'ticker.heikinashi': { impl: (symbol: unknown) => chartType(symbol, 'heikinashi', {}) },
  'ticker.linebreak': { impl: (symbol: unknown, lines: unknown) => chartType(symbol, 'linebreak', { number_of_lines: Number(lines) }) },
  'ticker.kagi': {
    impl: (symbol: unknown, param: unknown, style?: unknown) =>
      chartType(symbol, 'kagi', style === undefined ? { reversal: Number(param) } : { param: Number(param), style: String(style) }),
  },
  'ticker.renko': {
    impl: (symbol: unknown, style: unknown, param: unknown, wicks?: unknown, source?: unknown) =>
      chartType(symbol, 'renko', { style: String(style), param: Number(param), request_wicks: wicks === true, source: typeof source === 'string' ? source : 'Close' }),
  },
  'ticker.pointfigure': {
    impl: (symbol: unknown, source: unknown, style: unknown, param: unknown, reversal: unknown) =>
      chartType(symbol, 'pointfigure', { source: String(source), style: String(style), param: Number(param), reversal: Number(reversal) }),
  },
};
