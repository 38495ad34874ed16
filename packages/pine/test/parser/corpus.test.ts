// Every real script in the shared corpus and every TradingView fixture script must parse without
// syntax errors. Scripts that genuinely are not valid Pine are listed with the reason (each was
// confirmed by reading the script); the test fails if that list goes stale in either direction.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, TV_DIR } from '../../../../test-support/shared.js';
import { parse, walkAst } from '../../src/parser/index.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.pine')) out.push(path);
  }
  return out;
}

/** Corpus files that are not valid Pine, path relative to the corpus → why. */
const KNOWN_INVALID: Record<string, string> = {
  'indicator-v5/0568_main.pine': 'file is truncated: the last function `process_play(…) =>` has no body',
  'indicator-v5/0624_startegy-2-tader-xo-and-macd.pine': 'prose (a video link and notes) above the code, not commented out',
  'indicator-v5/0627_real-cummulative-delta-indicator.pine': 'script title and author pasted as bare text on lines 1-2',
  'indicator-v5/0628_tape-time-and-sales-data-indicator.pine': 'description pasted as bare text at the top',
  'indicator-v5/0629_time-sales-tape-by-muqwishi-indicator.pine': 'title and URL pasted as bare text at the top',
  'indicator-v5/0630_volume-speed-by-muqwishi.pine': 'title and notes pasted as bare text at the top',
  'indicator-v5/0641_indicador-baseado-em-conflu-ncia-phi-fib.pine':
    "line 243 separates statements with ';' (Pine uses ',')",
  'indicator-v6/0309_myttfm.pine': 'line 2: the indicator() title string is cut off by pasted text and never closed',
  'library/0666_rtamarketstructure.pine': 'line 3897 uses `return profile`; Pine has no return statement',
  'library/0676_customalertlib-cleanroom-replacement.pine': 'markdown-style `=== … ===` headings as bare text',
  'library/0680_test.pine': 'an unfilled template: `overlay =  ,` and `<parameter_name>` placeholders',
  'strategy-v5/0130_stratbase.pine': 'template with empty right-hand sides (`entryLong = `, line 20)',
  'strategy-v5/0195_top-profit-strategy.pine': 'line 70 uses `if … then` (not Pine syntax)',
  'strategy-v5/0226_price-volume-breakout.pine': 'a URL and description pasted as bare text at the top',
  'strategy-v6/0106_strategy.pine': 'line 88 `short_condition = some_criteria` lacks the `and` before its wrapped line',
};

/** v4-or-older scripts that do not parse (they are reported; v4 is not supported anyway). */
const KNOWN_INVALID_OLD: Record<string, string> = {
  'v4-or-older/0744_strategy.pine': '`@version=5` without `//` and an unquoted strategy title',
};

// Each file is parsed once and shared by the tests below.
const cache = new Map<string, { source: string; result: ReturnType<typeof parse> }>();
function parsed(file: string): { source: string; result: ReturnType<typeof parse> } {
  let entry = cache.get(file);
  if (!entry) {
    const source = readFileSync(file, 'utf8');
    entry = { source, result: parse(source) };
    cache.set(file, entry);
  }
  return entry;
}

function syntaxErrors(file: string): string[] {
  return parsed(file)
    .result.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'unsupported-version')
    .map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe('corpus parses', () => {
  const files = walk(CORPUS_DIR);

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(600);
  });

  it('v5/v6 corpus scripts parse with zero syntax errors (except the known invalid ones)', () => {
    const failing: Record<string, string[]> = {};
    let clean = 0;
    for (const file of files) {
      const rel = relative(CORPUS_DIR, file);
      if (rel.startsWith('v4-or-older/')) continue;
      const errors = syntaxErrors(file);
      if (errors.length > 0) failing[rel] = errors.slice(0, 3);
      else clean++;
    }
    const unexpected = Object.keys(failing).filter((f) => !(f in KNOWN_INVALID));
    expect(unexpected.map((f) => `${f}: ${failing[f]!.join(' | ')}`)).toEqual([]);
    const nowValid = Object.keys(KNOWN_INVALID).filter((f) => !(f in failing));
    expect(nowValid).toEqual([]);
    expect(clean).toBeGreaterThanOrEqual(500);
  });

  it('v4-or-older scripts: parse what is parseable, report the rest', () => {
    const failing: string[] = [];
    let clean = 0;
    for (const file of files) {
      const rel = relative(CORPUS_DIR, file);
      if (!rel.startsWith('v4-or-older/')) continue;
      const { result } = parsed(file);
      if (syntaxErrors(file).length > 0) failing.push(rel);
      else clean++;
      // Versions older than 5 are refused with a clear message rather than silently run.
      if (result.ast.version !== null && result.ast.version < 5) {
        expect(result.diagnostics.some((d) => d.code === 'unsupported-version')).toBe(true);
      }
    }
    expect(failing.sort()).toEqual(Object.keys(KNOWN_INVALID_OLD).sort());
    expect(clean).toBeGreaterThanOrEqual(100);
  });

  it('every TradingView fixture script parses with zero syntax errors', () => {
    const tvFiles = walk(TV_DIR);
    expect(tvFiles.length).toBeGreaterThan(50);
    const failing = tvFiles
      .map((f) => ({ f: relative(TV_DIR, f), errors: syntaxErrors(f) }))
      .filter((r) => r.errors.length > 0)
      .map((r) => `${r.f}: ${r.errors.join(' | ')}`);
    expect(failing).toEqual([]);
  });

  it('in every parsed corpus script, node spans nest inside their parents and ids are unique', () => {
    const problems: string[] = [];
    for (const file of files) {
      const rel = relative(CORPUS_DIR, file);
      if (rel in KNOWN_INVALID || rel in KNOWN_INVALID_OLD) continue;
      const { source, result } = parsed(file);
      const ids = new Set<number>();
      walkAst(result.ast, (node, parent) => {
        if (ids.has(node.id)) problems.push(`${rel}: duplicate id ${node.id}`);
        ids.add(node.id);
        const { start, end } = node.span;
        const bad = start > end || end > source.length || (parent && (start < parent.span.start || end > parent.span.end));
        if (bad) problems.push(`${rel}: ${node.kind} span ${start}-${end} outside ${parent?.kind}`);
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('v5/v6 corpus scripts carry a supported version', () => {
    for (const file of files) {
      const rel = relative(CORPUS_DIR, file);
      if (rel.startsWith('v4-or-older/') || rel in KNOWN_INVALID) continue;
      const { ast } = parsed(file).result;
      // Some libraries put the version annotation after imports or write `// @version=6`.
      if (ast.version !== null) expect([5, 6]).toContain(ast.version);
    }
  });
});
