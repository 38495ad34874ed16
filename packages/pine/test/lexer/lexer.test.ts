// Tokens, annotations and Pine's layout rules (blocks, line wrapping).
import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../../src/lexer/index.js';

/** Compact rendering: layout tokens as NL/IN/DE, others as their text. */
function render(tokens: Token[]): string {
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'newline':
          return 'NL';
        case 'indent':
          return 'IN';
        case 'dedent':
          return 'DE';
        case 'eof':
          return 'EOF';
        case 'string':
          return t.raw;
        default:
          return t.value;
      }
    })
    .join(' ');
}

const lex = (src: string): string => render(tokenize(src).tokens);

describe('tokens', () => {
  it('operators, longest match first', () => {
    expect(lex('a := b += c -= d *= e /= f %= g => h == i != j <= k >= l < m > n ? o : p')).toBe(
      'a := b += c -= d *= e /= f %= g => h == i != j <= k >= l < m > n ? o : p NL EOF',
    );
    expect(lex('f(a[1], b.c)')).toBe('f ( a [ 1 ] , b . c ) NL EOF');
  });

  it('keywords vs contextual words', () => {
    const types = tokenize('if else for while switch var and or not true false break continue type method to by in varip').tokens
      .filter((t) => t.type === 'keyword' || t.type === 'ident')
      .map((t) => t.type[0]);
    expect(types.join('')).toBe('kkkkkkkkkkkkkiiiiii');
  });

  it('number forms', () => {
    const nums = tokenize('1 1.5 1. .5 1e5 1E-3 2.5e+2').tokens.filter((t) => t.type === 'int' || t.type === 'float');
    expect(nums.map((t) => `${t.type}:${t.value}`)).toEqual([
      'int:1',
      'float:1.5',
      'float:1.',
      'float:.5',
      'float:1e5',
      'float:1E-3',
      'float:2.5e+2',
    ]);
  });

  it('strings with escapes in both quote kinds, and strings wrapped onto continuation lines', () => {
    const strs = tokenize('"a\\"b" \'c\\\'d\' "x\\ny"').tokens.filter((t) => t.type === 'string');
    expect(strs.map((t) => t.value)).toEqual(['a"b', "c'd", 'x\ny']);
    const wrapped = tokenize('s = "first part\n   second part"').tokens.filter((t) => t.type === 'string');
    expect(wrapped.map((t) => t.value)).toEqual(['first partsecond part']);
  });

  it('colour literals', () => {
    const c = tokenize('#ff0000 #FF000080').tokens.filter((t) => t.type === 'color');
    expect(c.map((t) => t.value)).toEqual(['#ff0000', '#FF000080']);
    expect(tokenize('#12345').diagnostics.map((d) => d.message)).toEqual(["Invalid color literal '#12345'"]);
  });

  it('drops comments and keeps //@ annotations', () => {
    const r = tokenize('//@version=6\n// plain comment\n//@description My script\nx = 1 // trailing\n// @function f does things\n//@strategy_alert_message {{strategy.order.action}}');
    expect(render(r.tokens)).toBe('x = 1 NL EOF');
    expect(r.annotations.map((a) => [a.name, a.value, a.assigned])).toEqual([
      ['version', '6', true],
      ['description', 'My script', false],
      ['function', 'f does things', false],
      ['strategy_alert_message', '{{strategy.order.action}}', false],
    ]);
  });

  it('spans are source offsets', () => {
    const t = tokenize('ab  := 12').tokens;
    expect(t.slice(0, 3).map((x) => [x.start, x.end])).toEqual([
      [0, 2],
      [4, 6],
      [7, 9],
    ]);
  });
});

describe('layout', () => {
  it('blocks by 4 spaces or a tab', () => {
    expect(lex('if a\n    b\nc')).toBe('if a NL IN b NL DE c NL EOF');
    expect(lex('if a\n\tb\n\tif c\n\t\td\ne')).toBe('if a NL IN b NL if c NL IN d NL DE DE e NL EOF');
  });

  it('closes all open blocks at end of file', () => {
    expect(lex('f() =>\n    if a\n        b')).toBe('f ( ) => NL IN if a NL IN b NL DE DE EOF');
  });

  it('a line indented by a non-multiple of 4 continues the previous line', () => {
    expect(lex('x = a +\n     b\ny = 1')).toBe('x = a + b NL y = 1 NL EOF');
    expect(lex('if c\n    v = x < 2\n         and y\n    w = 1')).toBe('if c NL IN v = x < 2 and y NL w = 1 NL DE EOF');
  });

  it('inside parentheses any indentation continues the line', () => {
    expect(lex('plot(\n    a,\n        b\n)\nz')).toBe('plot ( a , b ) NL z NL EOF');
    expect(lex('t = [\n    1,\n    2]')).toBe('t = [ 1 , 2 ] NL EOF');
  });

  it('a deeper line after a non-header line continues it even at a multiple of 4', () => {
    expect(lex('c = a and\n    b\nd')).toBe('c = a and b NL d NL EOF');
    expect(lex('v = cond\n    ? 1\n    : 2')).toBe('v = cond ? 1 : 2 NL EOF');
  });

  it('type and enum headers open member blocks', () => {
    expect(lex('type T\n    int a\nexport enum E\n    x')).toBe('type T NL IN int a NL DE export enum E NL IN x NL DE EOF');
  });

  it('blank and comment-only lines do not affect indentation', () => {
    expect(lex('if a\n\n        // odd comment\n    b\n\n  \nc')).toBe('if a NL IN b NL DE c NL EOF');
  });

  it('CRLF and CR line endings', () => {
    expect(lex('if a\r\n    b\r\nc')).toBe('if a NL IN b NL DE c NL EOF');
    expect(lex('x = 1\ry = 2')).toBe('x = 1 NL y = 2 NL EOF');
  });

  it('reports a dedent to a level never opened, once', () => {
    const r = tokenize('if a\n        b\n    c\n    d');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Invalid indentation']);
    expect(render(r.tokens)).toBe('if a NL IN b NL DE c NL d NL EOF');
  });
});
