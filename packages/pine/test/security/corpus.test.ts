// Corpus measurement: the public scripts that call request.security (indicators and strategies, Pine
// v5/v6) run on SPY 1h with every requested symbol aliased to the SPY bars (see corpus-runner.ts for
// that data choice). Asserts that ≥ 90% of the scripts that compile run without a runtime error, and
// prints every failure with its reason (docs/COVERAGE.md, "request.security", has the figures).
// Time-limit aborts (20 s per script; the run executes the whole script once per requested context) are
// reported separately and not counted as runtime errors: they depend on machine load.
import { describe, expect, it } from 'vitest';
import { runSecurityScript, securityFiles, type Result } from './corpus-runner.js';

describe('corpus scripts calling request.security on SPY 1h', () => {
  it('≥ 90% of the compiling scripts run without a runtime error', { timeout: 1_800_000 }, () => {
    const files = securityFiles();
    expect(files.length).toBeGreaterThan(150);
    const results: Result[] = files.map((f) => runSecurityScript(f, true, 20_000));
    const compiled = results.filter((r) => r.outcome !== 'compile');
    const count = (o: Result['outcome']) => compiled.filter((r) => r.outcome === o).length;
    const errors = count('runtime') + count('crash');
    const rate = (compiled.length - errors) / compiled.length;
    const failures = compiled.filter((r) => r.outcome !== 'ok').map((r) => `${r.outcome} ${r.file}: ${r.reason}`);
    console.log(
      `request.security corpus: ${files.length} scripts, ${compiled.length} compile; ok ${count('ok')}, time limit ${count('limit')}, ` +
        `runtime error ${errors}; without runtime error ${(100 * rate).toFixed(1)}%, completed ${((100 * count('ok')) / compiled.length).toFixed(1)}%\n` +
        failures.join('\n'),
    );
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
});
