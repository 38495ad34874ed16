// Symbol information (`syminfo.*`) in the layout of TradingView/PyneCore symbol TOML files.

/** A trading-hours interval on one weekday; day 0 = Monday … 6 = Sunday; times "HH:MM:SS" in the symbol's time zone. */
export interface SessionInterval {
  day: number;
  start: string;
  end: string;
}

export interface SymbolInfo {
  prefix: string;
  ticker: string;
  description: string;
  currency: string;
  basecurrency: string;
  /** Chart timeframe in Pine notation ("5", "60", "D", "W"...). */
  period: string;
  type: string;
  mintick: number;
  pricescale: number;
  minmove: number;
  pointvalue: number;
  /** IANA time zone of the exchange (e.g. "America/New_York"); also accepted: "US/Eastern", "Etc/UTC". */
  timezone: string;
  volumetype: string;
  openingHours: SessionInterval[];
  sessionStarts: SessionInterval[];
  sessionEnds: SessionInterval[];
}

/** Defaults used when the user gives no symbol info: a 24/7 UTC market with a 0.01 tick. */
export function defaultSymbolInfo(overrides: Partial<SymbolInfo> = {}): SymbolInfo {
  return {
    prefix: 'PINEBACK',
    ticker: 'SYMBOL',
    description: '',
    currency: 'USD',
    basecurrency: '',
    period: '',
    type: 'crypto',
    mintick: 0.01,
    pricescale: 100,
    minmove: 1,
    pointvalue: 1,
    timezone: 'Etc/UTC',
    volumetype: 'base',
    openingHours: [],
    sessionStarts: [],
    sessionEnds: [],
    ...overrides,
  };
}
