// str.format / log.* message formatting: Java MessageFormat syntax, which TradingView follows.
//   {n}                       default text of argument n (numbers as "#,##0.###")
//   {n,number[,integer|currency|percent|<DecimalFormat pattern>]}
//   {n,date|time[,short|medium|long|full|<SimpleDateFormat pattern>]} (argument = Unix ms)
// A single quote starts a literal section ('{0}' prints {0}); two quotes print one.
import { PineRuntimeError } from '../core/errors.js';
import { formatTime } from './date-format.js';
import { formatNumberPattern } from './number-format.js';
import { formatArray, formatNumberDefault, valueToString } from './value-format.js';

const NUMBER_STYLES: Record<string, string> = {
  integer: '#,##0',
  currency: '\u00a4#,##0.00',
  percent: '#,##0%',
};
const DATE_STYLES: Record<string, string> = {
  short: 'M/d/yy',
  medium: 'MMM d, yyyy',
  long: 'MMMM d, yyyy',
  full: 'EEEE, MMMM d, yyyy',
};
const TIME_STYLES: Record<string, string> = {
  short: 'h:mm a',
  medium: 'h:mm:ss a',
  long: 'h:mm:ss a z',
  full: 'h:mm:ss a z',
};

/**
 * The type and a style keyword are matched trimmed and lowercased; any other style is a pattern and
 * keeps every character ("{0, number, #.#}" prints a leading space) — measured on TradingView.
 */
function formatArg(arg: unknown, type: string | undefined, style: string | undefined, tz: string): string {
  if (type === undefined) {
    if (typeof arg === 'number') return formatNumberDefault(arg);
    if (Array.isArray(arg)) return formatArray(arg);
    return valueToString(arg);
  }
  const kind = type.trim().toLowerCase();
  const keyword = style?.trim().toLowerCase();
  if (kind === 'number') {
    if (typeof arg !== 'number') return valueToString(arg);
    if (style === undefined || keyword === '') return formatNumberDefault(arg);
    return formatNumberPattern(arg, NUMBER_STYLES[keyword!] ?? style);
  }
  if (kind === 'date' || kind === 'time') {
    if (typeof arg !== 'number') return valueToString(arg);
    const styles = kind === 'date' ? DATE_STYLES : TIME_STYLES;
    const pattern = style === undefined || keyword === '' ? styles.medium! : (styles[keyword!] ?? style);
    return formatTime(arg, pattern, tz);
  }
  if (kind === 'choice') return valueToString(arg);
  throw new PineRuntimeError(`Unknown format type "${type}" in str.format`);
}

/** Formats `pattern` with `args`; date/time sub-formats use `tz` (the exchange time zone). */
export function messageFormat(pattern: string, args: readonly unknown[], tz = 'Etc/UTC'): string {
  let out = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) {
        out += pattern.slice(i + 1);
        break;
      }
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    // Find the matching close brace, allowing nested quoted text and braces in the style part.
    let depth = 1;
    let j = i + 1;
    let inQuote = false;
    while (j < n && depth > 0) {
      const c = pattern[j]!;
      if (c === "'") inQuote = !inQuote;
      else if (!inQuote && c === '{') depth++;
      else if (!inQuote && c === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth !== 0) throw new PineRuntimeError(`Unmatched braces in the format string "${pattern}"`);
    const spec = pattern.slice(i + 1, j);
    const firstComma = spec.indexOf(',');
    // The index is read strictly ("{0 ,number}" is an error on TradingView).
    const indexText = firstComma < 0 ? spec : spec.slice(0, firstComma);
    const index = Number(indexText);
    if (!/^\d+$/.test(indexText)) throw new PineRuntimeError(`Invalid argument index "${indexText}" in str.format`);
    let type: string | undefined;
    let style: string | undefined;
    if (firstComma >= 0) {
      const rest = spec.slice(firstComma + 1);
      const secondComma = rest.indexOf(',');
      type = secondComma < 0 ? rest : rest.slice(0, secondComma);
      style = secondComma < 0 ? undefined : rest.slice(secondComma + 1);
    }
    // A placeholder with no argument behind it is echoed, not an error.
    out += index < args.length ? formatArg(args[index], type, style, tz) : '{' + indexText + '}';
    i = j + 1;
  }
  return out;
}
