// Whole programs in the style of the Pine v6 user manual: they must parse cleanly and produce
// the expected top-level structure.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parser/index.js';

function kinds(src: string): string[] {
  const { ast, diagnostics } = parse(src);
  expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
  return ast.body.map((s) => s.kind);
}

describe('manual-style programs', () => {
  it('enum input with titles and doc annotations', () => {
    const src = `//@version=6
indicator("MA selector", overlay = true)
//@enum An enumeration of named values for moving average selection.
//@field sma Selects a Simple Moving Average.
//@field ema Selects an Exponential Moving Average.
enum MaChoice
    sma = "Simple"
    ema = "Exponential"

maInput = input.enum(MaChoice.sma, "MA type")
ma = switch maInput
    MaChoice.sma => ta.sma(close, 20)
    MaChoice.ema => ta.ema(close, 20)
plot(ma)
`;
    expect(kinds(src)).toEqual(['ExpressionStatement', 'EnumDeclaration', 'VarDeclaration', 'VarDeclaration', 'ExpressionStatement']);
    const e = parse(src).ast.body[1]!;
    expect(e.kind === 'EnumDeclaration' && e.docs?.map((d) => d.name)).toEqual(['enum', 'field', 'field']);
  });

  it('methods, user types and collections', () => {
    const src = `//@version=6
indicator("Queue")
type Sample
    float value
    int   time = na

method maintainQueue(array<float> srcArray, float value, bool takeSample = true) =>
    if takeSample
        srcArray.push(value)
        srcArray.shift()
    srcArray

var array<float> queue = array.new<float>(10, close)
var map<string, Sample> samples = map.new<string, Sample>()
var matrix<float> m = matrix.new<float>(2, 2, 0.0)
queue.maintainQueue(close, bar_index % 5 == 0)
samples.put(str.tostring(bar_index), Sample.new(close, time))
for [i, v] in queue
    m.set(0, 0, m.get(0, 0) + v * i)
plot(queue.avg())
`;
    expect(kinds(src)).toEqual([
      'ExpressionStatement',
      'TypeDeclaration',
      'FunctionDeclaration',
      'VarDeclaration',
      'VarDeclaration',
      'VarDeclaration',
      'ExpressionStatement',
      'ExpressionStatement',
      'ForIn',
      'ExpressionStatement',
    ]);
  });

  it('tuple-returning if, wrapped conditions and ternaries', () => {
    const src = `//@version=6
strategy("Wrap", overlay = true, initial_capital = 10000)
[lo, hi] = if close > open
    [low, high]
else
    [high, low]
longCondition = ta.crossover(ta.sma(close, 14), ta.sma(close, 28)) and
     volume > ta.sma(volume, 20)
     and not na(hi)
colour = close > open ?
         color.green :
         color.red
if (longCondition and
     strategy.position_size == 0)
    strategy.entry("Long", strategy.long, qty = 1)
else if close < lo
    strategy.close("Long", comment = "exit")
plot(close, color = colour)
`;
    expect(kinds(src)).toEqual(['ExpressionStatement', 'TupleDeclaration', 'VarDeclaration', 'VarDeclaration', 'If', 'ExpressionStatement']);
  });

  it('library with exported functions, types and constants', () => {
    const src = `//@version=6
// @description Helpers.
library("Helpers", overlay = true)

//@function Sums two values.
//@param a First.
//@param b Second.
//@returns The sum.
export add(float a, float b) => a + b

export type Pivot
    float price
    int bar

export method price2(Pivot this) => this.price * 2

export enum Side
    long
    short

export const float GOLDEN = 1.618
`;
    expect(kinds(src)).toEqual([
      'ExpressionStatement',
      'FunctionDeclaration',
      'TypeDeclaration',
      'FunctionDeclaration',
      'EnumDeclaration',
      'VarDeclaration',
    ]);
  });

  it('v5 strategy with when= and old-style array functions', () => {
    const src = `//@version=5
strategy("v5", overlay=true, pyramiding=1, default_qty_type=strategy.percent_of_equity, default_qty_value=10)
fast = input.int(9, "Fast", minval=1)
var float[] closes = array.new_float(0)
array.push(closes, close)
if array.size(closes) > 50
    array.shift(closes)
strategy.entry("L", strategy.long, when = ta.crossover(close, ta.ema(close, fast)))
strategy.close("L", when = ta.crossunder(close, ta.ema(close, fast)))
`;
    expect(kinds(src)).toEqual([
      'ExpressionStatement',
      'VarDeclaration',
      'VarDeclaration',
      'ExpressionStatement',
      'If',
      'ExpressionStatement',
      'ExpressionStatement',
    ]);
  });

  it('loops returning values, while with break, nested functions blocks', () => {
    const src = `//@version=6
indicator("Loops")
f(len) =>
    float sum = 0.0
    for i = 0 to len - 1
        if na(close[i])
            continue
        sum += close[i]
    sum / len
countUp = for i = 1 to 10 by 2
    i
var int n = 0
while n < 5
    n += 1
    if n == 3
        break
plot(f(10) + countUp + n)
`;
    expect(kinds(src)).toEqual(['ExpressionStatement', 'FunctionDeclaration', 'VarDeclaration', 'VarDeclaration', 'While', 'ExpressionStatement']);
  });
});
