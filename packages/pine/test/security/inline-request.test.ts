// A user function holding request.security is expanded at each call with its arguments substituted
// (codegen/functions.ts): a parameter used as a history offset inside the requested expression
// (`high[n]`) must be substituted too — `index` is a declared name only in `for [index, item] in …`.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { spyBars, spySyminfo } from '../corpus/indicator-runner.js';

function plots(source: string): Record<string, Float64Array> {
  const c = compile(source);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  const r = run(c.program, spyBars(), { syminfo: spySyminfo(), timeframe: '60' });
  return Object.fromEntries(r.plots.map((p) => [p.title, p.values as Float64Array]));
}

describe('request.security inside a user function', () => {
  it('substitutes a parameter used as the history offset of the requested expression', () => {
    const p = plots(
      '//@version=6\nindicator("t")\n' +
        'dailyRange(n) => request.security(syminfo.tickerid, "D", high[n] - low[n])\n' +
        'plot(dailyRange(1), "viaFunction")\n' +
        'plot(request.security(syminfo.tickerid, "D", high[1] - low[1]), "direct")\n' +
        'plot(request.security(syminfo.tickerid, "D", high - low), "offsetZero")\n',
    );
    const via = p['viaFunction']!;
    expect(via.some((v) => v > 0)).toBe(true);
    expect(Array.from(via)).toEqual(Array.from(p['direct']!));
    // The offset really applies: yesterday's range differs from today's on most days.
    expect(Array.from(via)).not.toEqual(Array.from(p['offsetZero']!));
  });
});
