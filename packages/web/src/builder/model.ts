// The builder's document: what the no-code editor edits and what generate.ts turns into Pine v6.
// Plain data (JSON-serialisable) so it can be saved, diffed and tested without a DOM.

export type PriceField = 'open' | 'high' | 'low' | 'close' | 'volume' | 'hl2' | 'hlc3' | 'ohlc4';

/** A value a condition compares: an indicator output, a price field, a number or a custom variable. */
export type Operand =
  | { kind: 'indicator'; ref: string; output?: string }
  | { kind: 'price'; field: PriceField }
  | { kind: 'number'; value: number }
  | { kind: 'variable'; name: string };

export type CompareOp = '>' | '<' | '>=' | '<=' | '==' | '!=' | 'crosses_above' | 'crosses_below' | 'crosses';
export type TrendOp = 'rising' | 'falling';

export type Condition =
  | { type: 'compare'; left: Operand; op: CompareOp; right: Operand }
  | { type: 'trend'; operand: Operand; op: TrendOp; bars: number };

export interface ConditionGroup {
  type: 'group';
  combine: 'and' | 'or';
  items: (Condition | ConditionGroup)[];
}

/** One indicator placed in the strategy; `params` override the catalog defaults. */
export interface IndicatorUse {
  /** Identifier used in the generated Pine (e.g. "rsi1"); unique within the strategy. */
  id: string;
  type: string;
  params: Record<string, number | string>;
}

/** A named math expression over indicators, prices, numbers and other variables. */
export interface CustomVariable {
  name: string;
  expression: string;
}

export interface RiskSettings {
  /** Percent from the entry price; 0 or undefined = none. */
  stopLossPercent?: number;
  takeProfitPercent?: number;
}

export interface BuilderStrategy {
  name: string;
  overlay: boolean;
  initialCapital: number;
  /** Percent of equity per entry. */
  orderPercent: number;
  indicators: IndicatorUse[];
  variables: CustomVariable[];
  longEntry: ConditionGroup | null;
  longExit: ConditionGroup | null;
  shortEntry: ConditionGroup | null;
  shortExit: ConditionGroup | null;
  risk: RiskSettings;
}

export function emptyGroup(combine: 'and' | 'or' = 'and'): ConditionGroup {
  return { type: 'group', combine, items: [] };
}

export function emptyStrategy(): BuilderStrategy {
  return {
    name: 'My strategy',
    overlay: true,
    initialCapital: 10000,
    orderPercent: 10,
    indicators: [],
    variables: [],
    longEntry: emptyGroup(),
    longExit: null,
    shortEntry: null,
    shortExit: null,
    risk: {},
  };
}
