// Every v5/v6 script in the shared corpus and every TradingView fixture script must check without
// errors, unless it is genuinely not valid Pine. Those are listed with the reason, each confirmed by
// reading the script against the Reference Manual (details in docs/COVERAGE.md). Files the parser
// rejects are the parser's list (test/parser/corpus.test.ts) and are only counted here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, SHARED_DIR, TV_DIR } from '../../../../test-support/shared.js';
import { check } from '../../src/checker/index.js';
import { parse } from '../../src/parser/index.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'v4-or-older') walk(path, out);
    } else if (name.endsWith('.pine')) out.push(path);
  }
  return out;
}

/** Scripts with genuine semantic errors, path relative to shared/ → why TradingView rejects them too. */
export const KNOWN_INVALID: Record<string, string> = {
  'corpus/indicator-v5/0495_script.pine': "line 3 passes `inline` twice to input.bool (and input.int on other lines)",
  'corpus/indicator-v5/0500_buz-scalptrend-new.pine': 'line 584: `color.small` does not exist, and `text_color` is passed twice',
  'corpus/indicator-v5/0509_orderblocks-matrix.pine': '`color.emerald` / `color.crimson` do not exist',
  'corpus/indicator-v5/0514_blackcat-l1-enhanced-awesome-oscillator.pine': 'v5 bgcolor() has no `transp` parameter (removed in v5)',
  'corpus/indicator-v5/0515_blackcat-l1-trend-follower-with-whale-pu.pine': 'v5 fill() has no `transp` parameter',
  'corpus/indicator-v5/0551_atr-with-stoploss-finder.pine': 'v5 plot() has no `transp` parameter',
  'corpus/indicator-v5/0556_goldenrsi.pine': 'v5 fill() has no `transp` parameter',
  'corpus/indicator-v5/0557_rsi-strategy.pine': 'plotshape() gets `title` positionally and again by name',
  'corpus/indicator-v5/0577_iqr.pine': 'color.new(color.yellow, 0, color=…, linewidth=…): `color` given twice, no `linewidth` param',
  'corpus/indicator-v5/0578_jb.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v5/0579_kendall.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v5/0580_spearman.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v5/0581_theil.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v5/0583_vr.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v5/0584_yzv.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v6/0246_zig-zag.pine': 'line 156: `pivotBars` is a field of Settings, used as a bare variable inside a method',
  'corpus/indicator-v6/0248_bvortex.pine': 'plotshape() has no `shape` parameter (it is `style`)',
  'corpus/indicator-v6/0264_market-order-bubbles.pine': 'indicator() has no `max_bubbles_count` parameter',
  'corpus/indicator-v6/0313_ttfmcopilot.pine': '`tSpotTop = na(float)` makes a bool, later assigned floats; `lineStyle` used outside the if-blocks declaring it',
  'corpus/indicator-v6/0392_mode.pine': 'same misplaced parenthesis: color.new(…, color=…, linewidth=…)',
  'corpus/indicator-v6/0446_comprehensive-volume-profile.pine': 'a function assigns global variables with `:=` (not allowed in Pine)',
  'corpus/indicator-v6/0447_smart-money-concepts-suite.pine': 'line 93 uses `return`; Pine has no return statement',
  'corpus/indicator-v6/0477_15-ema-ribbon.pine': 'fill() inside an if-block: plot-type calls are only allowed in global scope',
  'corpus/indicator-v6/0478_17-squeeze-momentum.pine': 'plotshape() gets `title` positionally and again by name',
  'corpus/library/0663_rtaadvanced.pine': 'ta.atr(config.atrLength): object fields are series, `length` must be simple int; `x = na` without a type',
  'corpus/library/0664_rtaframework.pine': '`ta.sum` and `math.clamp` do not exist',
  'corpus/library/0665_rtaliquidity.pine': '`equalPrice = na` declares a variable without a type from a bare na',
  'corpus/library/0668_rtastrategy.pine': 'ta.atr(config.atrLength): object fields are series, `length` must be simple int',
  'corpus/strategy-v5/0115_strategy.pine': 'functions declared inside an if-block (Pine only allows global function declarations)',
  'corpus/strategy-v5/0126_mtf-rsi.pine': 'strategy() gets `overlay` twice',
  'corpus/strategy-v5/0183_larry-connors-rsi-strategy.pine': 'v5 fill() has no `transp` parameter',
  'corpus/strategy-v5/0187_heikin-strategy.pine': 'plotshape(offset = index) with `var int index`: offset must be simple int',
  'corpus/strategy-v5/0215_strategy.pine': 'strategy() has no `timeframe` parameter; input titles built from a loop counter (series string); `request.ema` does not exist',
  'corpus/strategy-v5/0225_indicator.pine': 'v5 plot()/bgcolor() have no `transp` parameter',
  'corpus/strategy-v6/0071_daily-bias-fvg-strategy.pine': 'v6 `if ta.change(time("D"))`: an int condition needs an explicit bool() in v6',
  'corpus/strategy-v6/0093_mnq-orb-v1.pine': 'v6 `if new_day` where new_day = ta.change(dayofmonth) is an int',
};

interface Outcome {
  file: string;
  parseErrors: number;
  checkErrors: string[];
}

const outcomes: Outcome[] = [];

function checkAll(): void {
  for (const path of [...walk(CORPUS_DIR), ...walk(TV_DIR)]) {
    const source = readFileSync(path, 'utf8');
    const { ast, diagnostics } = parse(source);
    if (ast.version !== null && ast.version < 5) continue;
    const parseErrors = diagnostics.filter((d) => d.severity === 'error').length;
    const checkErrors =
      parseErrors > 0
        ? []
        : check(ast, { source })
            .diagnostics.filter((d) => d.severity === 'error')
            .map((d) => `${d.line}:${d.column} ${d.message}`);
    outcomes.push({ file: relative(SHARED_DIR, path), parseErrors, checkErrors });
  }
}

describe('checker: corpus and TradingView fixtures', () => {
  beforeAll(checkAll);

  it('finds the scripts', () => {
    expect(outcomes.length).toBeGreaterThan(550);
  });

  it('checks every valid v5/v6 script without errors (≥ 97%, listing failures)', () => {
    const valid = outcomes.filter((o) => o.parseErrors === 0 && !(o.file in KNOWN_INVALID));
    const failing = valid.filter((o) => o.checkErrors.length > 0);
    const rate = (valid.length - failing.length) / valid.length;
    const report = failing.map((o) => `${o.file}: ${o.checkErrors.slice(0, 3).join(' | ')}`).join('\n');
    expect(rate, report).toBeGreaterThanOrEqual(0.97);
    expect(failing.map((o) => o.file), report).toEqual([]);
  });

  it('reports an error in every script listed as invalid', () => {
    const clean = outcomes.filter((o) => o.file in KNOWN_INVALID && o.checkErrors.length === 0).map((o) => o.file);
    expect(clean).toEqual([]);
    const listed = Object.keys(KNOWN_INVALID).filter((f) => !outcomes.some((o) => o.file === f));
    expect(listed, 'KNOWN_INVALID names files that do not exist').toEqual([]);
  });

  it('reports the overall rate over all v5/v6 files (parser + checker)', () => {
    const clean = outcomes.filter((o) => o.parseErrors === 0 && o.checkErrors.length === 0).length;
    const tv = outcomes.filter((o) => o.file.startsWith('refdata/'));
    // Every TradingView fixture script compiled on TradingView, so all of them must check clean.
    expect(tv.filter((o) => o.parseErrors > 0 || o.checkErrors.length > 0).map((o) => o.file)).toEqual([]);
    // Overall (including genuinely broken corpus files): recorded in docs/COVERAGE.md.
    expect(clean / outcomes.length).toBeGreaterThan(0.9);
  });
});
