// Symbol info files: the TOML layout of shared/refdata/tradingview/syminfo/*.toml ([symbol] table plus
// [[opening_hours]], [[session_starts]], [[session_ends]]), or JSON with the same keys (nested under
// "symbol" or flat). Missing fields take the defaults below (also printed by `pineback run --help`).
import { parse as parseToml } from 'smol-toml';
import { defaultSymbolInfo, type SessionInterval, type SymbolInfo } from '@pineback/pine';

/** The symbol defaults come from @pineback/pine so the CLI, the service and the browser agree. */
export const SYMINFO_DEFAULTS: Omit<SymbolInfo, 'openingHours' | 'sessionStarts' | 'sessionEnds'> = (() => {
  const { openingHours: _o, sessionStarts: _s, sessionEnds: _e, ...rest } = defaultSymbolInfo();
  return rest;
})();

export const SYMINFO_DEFAULTS_TEXT =
  'Symbol defaults: 24/7 market in Etc/UTC, ticker PINEBACK:SYMBOL, currency USD, type crypto, ' +
  'mintick 0.01 (pricescale 100, minmove 1), pointvalue 1, period = the data timeframe.';

export class SyminfoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyminfoError';
  }
}

type Obj = Record<string, unknown>;

function intervals(list: unknown, file: string, key: string): SessionInterval[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new SyminfoError(`${file}: ${key} must be a list of tables`);
  return list.map((x, i) => {
    const o = x as Obj;
    const day = Number(o['day']);
    if (!Number.isInteger(day) || day < 0 || day > 6) throw new SyminfoError(`${file}: ${key}[${i}].day must be 0 (Monday) … 6 (Sunday)`);
    const start = String(o['start'] ?? o['time'] ?? '00:00:00');
    const end = String(o['end'] ?? o['time'] ?? start);
    return { day, start, end };
  });
}

function num(o: Obj, key: string, dflt: number, file: string): number {
  const v = o[key];
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new SyminfoError(`${file}: ${key} must be a number, got ${String(v)}`);
  return n;
}

function str(o: Obj, key: string, dflt: string): string {
  const v = o[key];
  return v === undefined || v === null ? dflt : String(v);
}

/** Parses symbol info text; `file` decides the format (.json → JSON, otherwise TOML). */
export function parseSyminfo(text: string, file: string, base: Partial<SymbolInfo> = {}): SymbolInfo {
  let root: Obj;
  try {
    root = (file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseToml(text)) as Obj;
  } catch (err) {
    throw new SyminfoError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const s = (typeof root['symbol'] === 'object' && root['symbol'] !== null ? root['symbol'] : root) as Obj;
  const d = { ...SYMINFO_DEFAULTS, ...base };
  const pricescale = num(s, 'pricescale', d.pricescale, file);
  const minmove = num(s, 'minmove', d.minmove, file);
  return {
    prefix: str(s, 'prefix', d.prefix),
    ticker: str(s, 'ticker', d.ticker),
    description: str(s, 'description', d.description),
    currency: str(s, 'currency', d.currency),
    basecurrency: str(s, 'basecurrency', d.basecurrency),
    period: str(s, 'period', d.period),
    type: str(s, 'type', d.type),
    mintick: num(s, 'mintick', s['pricescale'] !== undefined ? minmove / pricescale : d.mintick, file),
    pricescale,
    minmove,
    pointvalue: num(s, 'pointvalue', d.pointvalue, file),
    timezone: str(s, 'timezone', d.timezone),
    volumetype: str(s, 'volumetype', d.volumetype),
    openingHours: intervals(root['opening_hours'] ?? s['opening_hours'], file, 'opening_hours'),
    sessionStarts: intervals(root['session_starts'] ?? s['session_starts'], file, 'session_starts'),
    sessionEnds: intervals(root['session_ends'] ?? s['session_ends'], file, 'session_ends'),
  };
}

export function defaultSyminfo(period = ''): SymbolInfo {
  return { ...SYMINFO_DEFAULTS, period, openingHours: [], sessionStarts: [], sessionEnds: [] };
}
