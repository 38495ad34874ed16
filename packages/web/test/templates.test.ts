import { describe as group, expect, it } from 'vitest';
import { TEMPLATES, templateById } from '../src/templates/index.js';
import { describe, diagnosticsOf, runScript } from './support/pine.js';

group('strategy templates', () => {
  it('has at least 12 templates with unique ids', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    expect(templateById('macd')?.name).toBe('MACD signal cross');
  });

  for (const t of TEMPLATES) {
    it(`${t.id}: is a v6 strategy with long and short entries`, () => {
      expect(t.source.startsWith('//@version=6\nstrategy(')).toBe(true);
      expect(t.source).toMatch(/strategy\.entry\([^)]*strategy\.long/);
      expect(t.source).toMatch(/strategy\.entry\([^)]*strategy\.short/);
    });

    it(`${t.id}: parses and checks without errors`, () => {
      expect(describe(diagnosticsOf(t.source))).toBe('');
    });

    it(`${t.id}: runs and trades both sides`, () => {
      const r = runScript(t.source);
      const trades = r.strategy!.trades;
      expect(trades.length).toBeGreaterThan(0);
      expect(trades.some((row) => row.type === 'Entry long')).toBe(true);
      expect(trades.some((row) => row.type === 'Entry short')).toBe(true);
    });
  }
});
