import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMPLETIONS, localNames } from '../src/editor/completions.js';
import { COMPLETION_ROWS } from '../src/editor/completions.generated.js';
import { toCmDiagnostics } from '../src/editor/diagnostics.js';
import { pineStreamParser } from '../src/editor/pine-language.js';

function tokens(line: string): [string, string | null][] {
  const p = pineStreamParser;
  const state = p.startState!(4);
  const s = new StringStream(line, 4, 4);
  const out: [string, string | null][] = [];
  while (!s.eol()) {
    s.start = s.pos;
    const style = p.token(s, state);
    const text = s.current();
    if (text.trim()) out.push([text, style]);
  }
  return out;
}

describe('pine highlighting', () => {
  it('classifies keywords, namespaces, functions, numbers, strings and comments', () => {
    expect(tokens('if ta.crossover(fast, 10.5) and not done // go')).toEqual([
      ['if', 'keyword'], ['ta', 'namespace'], ['.', 'punctuation'], ['crossover', 'variableName.function'], ['(', 'punctuation'], ['fast', 'variableName'],
      [',', 'punctuation'], ['10.5', 'number'], [')', 'punctuation'], ['and', 'keyword'], ['not', 'keyword'], ['done', 'variableName'], ['// go', 'lineComment'],
    ]);
    expect(tokens('var float x := close > open ? #ff0000 : na')).toEqual([
      ['var', 'keyword'], ['float', 'typeName'], ['x', 'variableName'], [':=', 'operator'], ['close', 'variableName.standard'], ['>', 'operator'],
      ['open', 'variableName.standard'], ['?', 'operator'], ['#ff0000', 'color'], [':', 'operator'], ['na', 'variableName.standard'],
    ]);
    expect(tokens('//@version=6')).toEqual([['//@version=6', 'meta']]);
    expect(tokens('s = "a \\" b" + \'c\'')).toEqual([['s', 'variableName'], ['=', 'operator'], ['"a \\" b"', 'string'], ['+', 'operator'], ["'c'", 'string']]);
    expect(tokens('varip int n = 0')[0]).toEqual(['varip', 'modifier']);
  });
});

describe('completions', () => {
  it('covers the catalog with functions applied as calls', () => {
    expect(COMPLETION_ROWS.length).toBeGreaterThan(800);
    const sma = BUILTIN_COMPLETIONS.find((c) => c.label === 'ta.sma')!;
    expect(sma).toMatchObject({ type: 'function', apply: 'ta.sma(', detail: '(source, length) → series float' });
    expect(BUILTIN_COMPLETIONS.find((c) => c.label === 'strategy.long')).toMatchObject({ type: 'constant' });
    expect(BUILTIN_COMPLETIONS.find((c) => c.label === 'close')).toMatchObject({ type: 'variable' });
  });

  it('offers names declared in the script', () => {
    const names = localNames('fast = ta.sma(close, 10)\nvar float slowLine = 0.0\nmyFn(x) =>\n    x * 2\nif fast == 1\n    slowLine := 2\n');
    expect(names.map((n) => [n.label, n.type])).toEqual([['fast', 'variable'], ['slowLine', 'variable'], ['myFn', 'function']]);
  });
});

describe('editor diagnostics', () => {
  it('maps worker spans to CodeMirror ranges inside the document', () => {
    const d = toCmDiagnostics([
      { severity: 'error', message: 'bad', from: 5, to: 5, line: 1, column: 6, code: 'syntax' },
      { severity: 'warning', message: 'late', from: 50, to: 80, line: 3, column: 1 },
    ], 20);
    expect(d).toEqual([
      { from: 5, to: 6, severity: 'error', message: 'bad', source: 'pine (syntax)' },
      { from: 20, to: 20, severity: 'warning', message: 'late', source: 'pine' },
    ]);
  });
});
