// Pine syntax highlighting for CodeMirror: a StreamLanguage tokenizer using packages/pine's keyword
// table, plus the contextual words (type, method, varip…) the parser recognises by position.
import { StreamLanguage, type StreamParser, type StringStream } from '@codemirror/language';
// A relative import of the one module needed (not the package index) keeps the main chunk small.
import { KEYWORDS } from '../../../pine/src/lexer/token.js';

const CONTEXT_WORDS = new Set(['varip', 'const', 'simple', 'series', 'type', 'method', 'enum', 'import', 'export', 'as', 'to', 'by', 'in']);
const TYPES = new Set(['int', 'float', 'bool', 'string', 'color', 'label', 'line', 'box', 'table', 'array', 'matrix', 'map', 'polyline', 'linefill', 'chart.point']);
const NAMESPACES = new Set(['ta', 'math', 'strategy', 'input', 'str', 'array', 'map', 'matrix', 'color', 'request', 'syminfo', 'timeframe', 'barstate', 'chart', 'ticker', 'session', 'plot', 'shape', 'location', 'size', 'line', 'label', 'box', 'table', 'runtime', 'log', 'alert', 'display', 'hline', 'position', 'text', 'xloc', 'yloc', 'extend', 'format', 'currency', 'dayofweek', 'order', 'scale', 'font', 'earnings', 'dividends', 'splits', 'adjustment', 'backadjustment', 'settlement_as_close', 'polyline', 'linefill', 'dividends']);
const BUILTIN_VARS = new Set(['open', 'high', 'low', 'close', 'volume', 'time', 'time_close', 'hl2', 'hlc3', 'ohlc4', 'hlcc4', 'bar_index', 'last_bar_index', 'na', 'year', 'month', 'dayofmonth', 'hour', 'minute', 'second', 'weekofyear']);

interface State { inString: string | null }

function readString(stream: StringStream, state: State): string {
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === '\\') stream.next();
    else if (ch === state.inString) {
      state.inString = null;
      break;
    }
  }
  return 'string';
}

const parser: StreamParser<State> = {
  name: 'pine',
  startState: () => ({ inString: null }),
  token(stream, state) {
    if (state.inString) return readString(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match('//@')) {
      stream.skipToEnd();
      return 'meta';
    }
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'lineComment';
    }
    const ch = stream.peek();
    if (ch === '"' || ch === "'") {
      state.inString = ch;
      stream.next();
      return readString(stream, state);
    }
    if (stream.match(/^#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?\b/)) return 'color';
    if (stream.match(/^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/)) return 'number';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return word === 'true' || word === 'false' ? 'bool' : 'keyword';
      if (CONTEXT_WORDS.has(word)) return 'modifier';
      if (stream.peek() === '.' && NAMESPACES.has(word)) return 'namespace';
      if (TYPES.has(word)) return 'typeName';
      if (BUILTIN_VARS.has(word)) return 'variableName.standard';
      if (stream.match(/^\s*\(/, false)) return 'variableName.function';
      return 'variableName';
    }
    if (stream.match(/^(?::=|\+=|-=|\*=|\/=|%=|=>|==|!=|<=|>=|[-+*/%<>=?:])/)) return 'operator';
    stream.next();
    return 'punctuation';
  },
  languageData: { commentTokens: { line: '//' } },
};

export const pineStreamParser = parser;
export const pineLanguage = StreamLanguage.define(parser);
