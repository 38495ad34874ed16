// Script inputs (`input.*`): the code generator records one declaration per written input call
// with its constant arguments; before a run the caller's overrides (by title) are validated and
// resolved into the values the script sees.

export type InputKind =
  | 'int'
  | 'float'
  | 'bool'
  | 'string'
  | 'text_area'
  | 'color'
  | 'source'
  | 'timeframe'
  | 'session'
  | 'symbol'
  | 'price'
  | 'time'
  | 'enum';

/** Built-in series an `input.source` may select. */
export const SOURCE_NAMES = ['open', 'high', 'low', 'close', 'volume', 'hl2', 'hlc3', 'ohlc4', 'hlcc4'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface InputDecl {
  kind: InputKind;
  /** The title written in the script, or null (then the input is addressed as "input N"). */
  title: string | null;
  /** Default value: number/bool/string/color; for `source` the series name (or null when the
   *  default is another expression, which the script then evaluates itself); for `enum` the member name. */
  defval: unknown;
  options?: readonly unknown[];
  /** For `enum` inputs: member name → title (in declaration order). */
  enumMembers?: readonly { name: string; title: string }[];
  minval?: number;
  maxval?: number;
  step?: number;
  group?: string;
  tooltip?: string;
  /** 1-based source line of the call. */
  line: number;
}

/** A value supplied by the caller: the typed value, or its text form (CLI `--input "Title=value"`). */
export type InputOverride = string | number | boolean;

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The name a caller uses to address an input: its title, else `input N` (1-based). */
export function inputKey(decl: InputDecl, index: number): string {
  return decl.title ?? `input ${index + 1}`;
}

function parseColor(text: string): number {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(text.trim());
  if (!m) throw new InputError(`"${text}" is not a colour (#RRGGBB or #RRGGBBAA)`);
  return parseInt(m[1]! + (m[2] ?? 'ff'), 16) >>> 0;
}

function parseTime(text: string): number {
  if (/^-?\d+$/.test(text.trim())) {
    const n = Number(text);
    return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new InputError(`"${text}" is not a time (Unix seconds/ms or ISO-8601)`);
  return t;
}

function coerce(decl: InputDecl, key: string, raw: InputOverride): unknown {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (decl.kind) {
    case 'int':
    case 'float':
    case 'price': {
      const n = typeof text === 'number' ? text : Number(text);
      if (typeof text === 'boolean' || text === '' || !Number.isFinite(n)) {
        throw new InputError(`Input "${key}" expects a number, got "${String(raw)}"`);
      }
      if (decl.kind === 'int' && !Number.isInteger(n)) throw new InputError(`Input "${key}" expects an integer, got ${n}`);
      return n;
    }
    case 'bool':
      if (typeof text === 'boolean') return text;
      if (text === 'true' || text === 'false') return text === 'true';
      throw new InputError(`Input "${key}" expects true or false, got "${String(raw)}"`);
    case 'color':
      return typeof text === 'number' ? text >>> 0 : parseColor(String(text));
    case 'time':
      return typeof text === 'number' ? text : parseTime(String(text));
    case 'source': {
      const s = String(text);
      if (!(SOURCE_NAMES as readonly string[]).includes(s)) {
        throw new InputError(`Input "${key}" expects one of ${SOURCE_NAMES.join(', ')}, got "${s}"`);
      }
      return s;
    }
    case 'enum': {
      const s = String(text);
      const m = decl.enumMembers?.find((e) => e.name === s || e.title === s);
      if (!m) {
        const allowed = (decl.enumMembers ?? []).map((e) => e.title).join(', ');
        throw new InputError(`Input "${key}" expects one of ${allowed}, got "${s}"`);
      }
      return m.name;
    }
    default:
      return String(text);
  }
}

function validate(decl: InputDecl, key: string, value: unknown): void {
  if (decl.options && decl.options.length > 0 && decl.kind !== 'enum') {
    if (!decl.options.some((o) => o === value)) {
      throw new InputError(`Input "${key}" must be one of ${decl.options.map(String).join(', ')}, got ${String(value)}`);
    }
  }
  if (typeof value === 'number') {
    if (decl.minval !== undefined && value < decl.minval) {
      throw new InputError(`Input "${key}" must be ≥ ${decl.minval}, got ${value}`);
    }
    if (decl.maxval !== undefined && value > decl.maxval) {
      throw new InputError(`Input "${key}" must be ≤ ${decl.maxval}, got ${value}`);
    }
  }
}

/**
 * Resolves every input: the caller's override (matched by title, or `input N`) or the default.
 * Unknown override keys are an error so that typos do not silently run with defaults.
 */
export function resolveInputs(decls: readonly InputDecl[], overrides: Readonly<Record<string, InputOverride>> = {}): unknown[] {
  const keys = decls.map(inputKey);
  for (const k of Object.keys(overrides)) {
    if (!keys.includes(k)) {
      const known = keys.length ? keys.map((x) => `"${x}"`).join(', ') : 'none';
      throw new InputError(`The script has no input titled "${k}" (inputs: ${known})`);
    }
  }
  return decls.map((decl, i) => {
    const key = keys[i]!;
    const raw = overrides[key];
    if (raw === undefined) return decl.defval;
    const value = coerce(decl, key, raw);
    validate(decl, key, value);
    return value;
  });
}
