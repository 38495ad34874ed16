import { describe as group, expect, it } from 'vitest';
import { checkExpression } from '../src/builder/expression.js';
import { generatePine, nextIndicatorId } from '../src/builder/generate.js';
import { INDICATORS, indicatorDef, outputVar } from '../src/builder/indicators.js';
import { emptyStrategy, type BuilderStrategy } from '../src/builder/model.js';
import { macdTrendPreset, rsiMeanReversionPreset } from '../src/builder/presets.js';
import { describe, diagnosticsOf, runScript } from './support/pine.js';

function withIndicator(type: string): BuilderStrategy {
  const s = emptyStrategy();
  const def = indicatorDef(type);
  s.indicators.push({ id: `${type}1`, type, params: {} });
  const first = { kind: 'indicator' as const, ref: `${type}1`, output: def.outputs[0] };
  const last = { kind: 'indicator' as const, ref: `${type}1`, output: def.outputs[def.outputs.length - 1] };
  s.longEntry = { type: 'group', combine: 'and', items: [{ type: 'compare', left: first, op: 'crosses_above', right: def.overlay ? { kind: 'price', field: 'close' } : last }] };
  s.shortEntry = { type: 'group', combine: 'or', items: [{ type: 'trend', operand: first, op: 'falling', bars: 3 }] };
  return s;
}

group('builder indicator catalog', () => {
  it('offers at least 40 indicators with unique types', () => {
    expect(INDICATORS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(INDICATORS.map((d) => d.type)).size).toBe(INDICATORS.length);
  });

  it('names outputs predictably', () => {
    expect(outputVar('rsi1', indicatorDef('rsi'))).toBe('rsi1');
    expect(outputVar('macd1', indicatorDef('macd'), 'signal')).toBe('macd1Signal');
    expect(outputVar('bb2', indicatorDef('bb'))).toBe('bb2Basis');
  });

  for (const def of INDICATORS) {
    it(`${def.type}: generated Pine parses and checks`, () => {
      const { source, errors } = generatePine(withIndicator(def.type));
      expect(errors).toEqual([]);
      const diags = diagnosticsOf(source);
      expect(diags, `${describe(diags)}\n${source}`).toEqual([]);
      expect(runScript(source).strategy).not.toBeNull();
    });
  }
});

group('builder expressions', () => {
  const known = new Set(['rsi1', 'ema1']);
  it('accepts arithmetic over known names and math functions', () => {
    expect(checkExpression('(rsi1 - 50) * 2 + math.abs(close - ema1)', known)).toMatchObject({ ok: true, references: ['rsi1', 'ema1'] });
    expect(checkExpression('-rsi1 / math.max(ema1, 1)', known).ok).toBe(true);
  });
  it.each([
    ['', 'expression is empty'],
    ['foo + 1', "unknown name 'foo'"],
    ['rsi1 +', 'expression ends with an operator'],
    ['(rsi1 - 1', "missing ')'"],
    ['rsi1 ema1', 'missing operator before ema1'],
    ['rsi1; strategy.close_all()', "unexpected character ';'"],
    ['math.abs', 'math.abs must be called, e.g. math.abs(x)'],
    ['rsi1 ** 2', "use math.pow(x, y) instead of '**'"],
  ])('rejects %j', (text, error) => {
    expect(checkExpression(text, known)).toMatchObject({ ok: false, error });
  });
});

group('builder generator', () => {
  it('writes inputs, leaf conditions, orders and SL/TP exits', () => {
    const { source, errors } = generatePine(rsiMeanReversionPreset());
    expect(errors).toEqual([]);
    expect(source).toContain('rsi1Length = input.int(14, "rsi1 length", minval = 1)');
    expect(source).toContain('longEntryC1 = ta.crossover(rsi1, 30)');
    expect(source).toContain('longEntry = longEntryC1 and longEntryC2');
    expect(source).toContain('longExit = longExitC1 or longExitC2');
    expect(source).toContain('strategy.exit("Long SL/TP", "Long", stop = strategy.position_avg_price * (1 - stopLossPercent / 100), limit = strategy.position_avg_price * (1 + takeProfitPercent / 100))');
    expect(source).not.toContain('shortExit');
  });

  it('nests groups with parentheses', () => {
    const { source } = generatePine(macdTrendPreset());
    expect(source).toContain('longEntry = longEntryC1 and (longEntryC2 or longEntryC3)');
    expect(source).toContain('[macd1Macd, macd1Signal, macd1Hist] = ta.macd(macd1Source, macd1Fast, macd1Slow, macd1SignalLength)');
  });

  it('reports invalid documents', () => {
    const s = rsiMeanReversionPreset();
    s.variables.push({ name: 'close', expression: 'rsi1 +' });
    s.indicators.push({ id: 'rsi1', type: 'rsi', params: {} });
    const { errors } = generatePine(s);
    expect(errors).toContain("indicator id 'rsi1' is used twice");
    expect(errors).toContain("variable name 'close' is not valid or already used");
    expect(errors).toContain('variable close: expression ends with an operator');
    expect(generatePine(emptyStrategy()).errors).toContain('add at least one entry condition');
  });

  it('allocates indicator ids', () => {
    const s = rsiMeanReversionPreset();
    expect(nextIndicatorId(s, 'rsi')).toBe('rsi2');
    expect(nextIndicatorId(s, 'macd')).toBe('macd1');
  });

  for (const [name, preset] of [['rsi', rsiMeanReversionPreset], ['macd', macdTrendPreset]] as const) {
    it(`${name} preset checks and runs, producing trades`, () => {
      const { source } = generatePine(preset());
      expect(describe(diagnosticsOf(source))).toBe('');
      const result = runScript(source);
      expect(result.strategy).not.toBeNull();
      expect(result.strategy!.trades.length).toBeGreaterThan(0);
    });
  }
});
