// Number masks for `str.format` and `str.tostring`: DecimalFormat syntax (`#` / `0` digits, `,`
// grouping, `.` point, `%` / `‰` scaling, quoted literals, `;negative` subpattern, `E0` exponent).
// TradingView's two formatters (behaviour measured on TradingView, as reported with PyneCore's
// regression tests) both print the double's shortest round-trip digits — at most 16 fraction
// digits while |x| ≥ 1e-3 — but round differently when the mask has fewer decimals:
// * 'format' (str.format): HALF_EVEN decided on the exact binary value (2.675 → "2.67");
// * 'tostring' (str.tostring): HALF_UP over the shortest digits (2.675 → "2.68").
// A zero integer part is dropped only when the mask requires decimals ("#.0": ".5", "#.#": "0.5").

interface Affix {
  text: string;
  scale: number;
}

interface NumberPattern {
  posPrefix: string;
  posSuffix: string;
  negPrefix: string | null;
  negSuffix: string | null;
  minInt: number;
  minFrac: number;
  maxFrac: number;
  grouping: number;
  scale: number;
  /** Minimum exponent digits, or 0 when the pattern has no exponent. */
  expDigits: number;
}

const patternCache = new Map<string, NumberPattern>();

function readAffix(src: string, start: number, stopAtNumber: boolean): [Affix, number] {
  let text = '';
  let scale = 1;
  let i = start;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end === i + 1) {
        text += "'";
        i += 2;
        continue;
      }
      text += src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    if (ch === ';') break;
    if (stopAtNumber && (ch === '#' || ch === '0' || ch === ',' || ch === '.')) break;
    if (ch === '%') {
      scale = 100;
      text += '%';
    } else if (ch === '\u2030') {
      scale = 1000;
      text += '\u2030';
    } else if (ch === '\u00a4') {
      text += '$';
    } else {
      text += ch;
    }
    i++;
  }
  return [{ text, scale }, i];
}

export function parseNumberPattern(pattern: string): NumberPattern {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const [prefix, afterPrefix] = readAffix(pattern, 0, true);
  let i = afterPrefix;
  let intPart = '';
  let fracPart = '';
  let inFrac = false;
  let expDigits = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '#' || ch === '0' || ch === ',') {
      if (inFrac) fracPart += ch;
      else intPart += ch;
    } else if (ch === '.' && !inFrac) {
      inFrac = true;
    } else if (ch === 'E') {
      i++;
      while (pattern[i] === '0') {
        expDigits++;
        i++;
      }
      break;
    } else break;
    i++;
  }
  const [suffix, afterSuffix] = readAffix(pattern, i, false);
  let negPrefix: string | null = null;
  let negSuffix: string | null = null;
  if (pattern[afterSuffix] === ';') {
    const [np, j] = readAffix(pattern, afterSuffix + 1, true);
    let k = j;
    while (k < pattern.length && '#0,.E'.includes(pattern[k]!)) k++;
    const [ns] = readAffix(pattern, k, false);
    negPrefix = np.text;
    negSuffix = ns.text;
  }
  const lastComma = intPart.lastIndexOf(',');
  const digitsOnlyInt = intPart.replace(/,/g, '');
  const parsed: NumberPattern = {
    posPrefix: prefix.text,
    posSuffix: suffix.text,
    negPrefix,
    negSuffix,
    minInt: (digitsOnlyInt.match(/0/g) ?? []).length,
    minFrac: (fracPart.match(/0/g) ?? []).length,
    maxFrac: fracPart.replace(/,/g, '').length,
    grouping: lastComma >= 0 ? intPart.length - lastComma - 1 : 0,
    scale: prefix.scale * suffix.scale,
    expDigits,
  };
  patternCache.set(pattern, parsed);
  return parsed;
}

export type RoundingMode = 'format' | 'tostring';

/** Digits of |x| as JavaScript's shortest round-trip form gives them, in plain notation. */
export function shortestDecimal(x: number): [string, string] {
  const [mant, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  let intDigits: string;
  let frac: string;
  if (exp >= 0) {
    intDigits = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  } else {
    intDigits = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  frac = frac.replace(/0+$/, '');
  // In plain notation Java's Double.toString never shows more than 16 fraction digits.
  if (Math.abs(x) >= 1e-3 && frac.length > 16) [intDigits, frac] = roundDecimalHalfUp(intDigits, frac, 16);
  return [intDigits, frac.replace(/0+$/, '')];
}

/** Rounds decimal digits HALF_UP to `maxFrac` fraction digits. */
export function roundDecimalHalfUp(intDigits: string, frac: string, maxFrac: number): [string, string] {
  if (frac.length <= maxFrac) return [intDigits, frac];
  const kept = frac.slice(0, maxFrac);
  return frac.charCodeAt(maxFrac) - 48 >= 5 ? increment(intDigits, kept) : [intDigits, kept];
}

function increment(intDigits: string, kept: string): [string, string] {
  const all = (intDigits + kept).split('').map((c) => c.charCodeAt(0) - 48);
  let k = all.length - 1;
  while (k >= 0) {
    if (all[k]! === 9) {
      all[k] = 0;
      k--;
    } else {
      all[k]!++;
      break;
    }
  }
  let digits = all.join('');
  if (k < 0) digits = '1' + digits;
  const intLen = digits.length - kept.length;
  return [digits.slice(0, intLen), digits.slice(intLen)];
}

/** Exact decimal digits of |x| as [integer digits, fraction digits] (fraction up to 100 places). */
function exactDecimal(x: number): [string, string] {
  const a = Math.abs(x);
  if (a >= 1e21) return [BigInt(a).toString(), ''];
  const s = a.toFixed(100);
  const dot = s.indexOf('.');
  return [s.slice(0, dot), s.slice(dot + 1).replace(/0+$/, '')];
}

/** Rounds decimal digits HALF_EVEN to `maxFrac` fraction digits. */
export function roundDecimalHalfEven(intDigits: string, frac: string, maxFrac: number): [string, string] {
  if (frac.length <= maxFrac) return [intDigits, frac];
  const kept = frac.slice(0, maxFrac);
  const first = frac.charCodeAt(maxFrac) - 48;
  const restNonZero = /[1-9]/.test(frac.slice(maxFrac + 1));
  let roundUp: boolean;
  if (first > 5 || (first === 5 && restNonZero)) roundUp = true;
  else if (first < 5) roundUp = false;
  else {
    const last = kept.length > 0 ? kept.charCodeAt(kept.length - 1) - 48 : intDigits.charCodeAt(intDigits.length - 1) - 48;
    roundUp = last % 2 === 1;
  }
  return roundUp ? increment(intDigits, kept) : [intDigits, kept];
}

/** The digits a mask with `maxFrac` decimals shows for |x| under the given rounding mode. */
function maskDigits(x: number, maxFrac: number, mode: RoundingMode): [string, string] {
  const shortest = shortestDecimal(x);
  if (shortest[1].length <= maxFrac) return shortest;
  return mode === 'tostring' ? roundDecimalHalfUp(shortest[0], shortest[1], maxFrac) : roundDecimalHalfEven(...exactDecimal(x), maxFrac);
}

function group(intDigits: string, size: number): string {
  if (size <= 0 || intDigits.length <= size) return intDigits;
  const parts: string[] = [];
  let end = intDigits.length;
  while (end > 0) {
    parts.unshift(intDigits.slice(Math.max(0, end - size), end));
    end -= size;
  }
  return parts.join(',');
}

function formatExponent(x: number, p: NumberPattern, mode: RoundingMode): string {
  if (x === 0) return '0' + (p.minFrac > 0 ? '.' + '0'.repeat(p.minFrac) : '') + 'E' + '0'.repeat(p.expDigits);
  const intDigitsWanted = Math.max(1, p.minInt);
  let exp = Math.floor(Math.log10(Math.abs(x))) - (intDigitsWanted - 1);
  let [i, f] = maskDigits(Math.abs(x) / Math.pow(10, exp), p.maxFrac, mode);
  if (i.length > intDigitsWanted) {
    exp++;
    [i, f] = maskDigits(Math.abs(x) / Math.pow(10, exp), p.maxFrac, mode);
  }
  while (f.length > p.minFrac && f.endsWith('0')) f = f.slice(0, -1);
  const expStr = String(Math.abs(exp)).padStart(p.expDigits, '0');
  return i + (f.length > 0 ? '.' + f : '') + 'E' + (exp < 0 ? '-' : '') + expStr;
}

/** Formats a number with a DecimalFormat-style mask ("#.##", "0.00", "#,##0.###", "#%", "$#,##0.00"…). */
export function formatNumberPattern(x: number, pattern: string, mode: RoundingMode = 'format'): string {
  if (x !== x) return 'NaN';
  const p = parseNumberPattern(pattern);
  const negative = x < 0 || Object.is(x, -0);
  let body: string;
  if (!Number.isFinite(x)) body = '\u221e';
  else {
    const scaled = p.scale === 1 ? x : x * p.scale;
    if (p.expDigits > 0) body = formatExponent(scaled, p, mode);
    else {
      let [i, f] = maskDigits(scaled, p.maxFrac, mode);
      while (f.length > p.minFrac && f.endsWith('0')) f = f.slice(0, -1);
      while (f.length < p.minFrac) f += '0';
      i = i.replace(/^0+/, '');
      if (i.length < p.minInt) i = i.padStart(p.minInt, '0');
      if (i.length === 0 && p.minFrac === 0) i = '0';
      body = group(i, p.grouping) + (f.length > 0 ? '.' + f : '');
    }
  }
  // Like DecimalFormat, a negative number that rounds to zero keeps its sign ("-0").
  if (negative) return (p.negPrefix ?? '-' + p.posPrefix) + body + (p.negSuffix ?? p.posSuffix);
  return p.posPrefix + body + p.posSuffix;
}
