// The run's visuals as the API sends them: styles from the plot's constant options, per-bar colours
// aligned with the points, hlines with their line style, fill ends as indexes, bgcolor only where set.
import { describe, expect, it } from 'vitest';
import { chartOutputs } from '../src/engine/chart-outputs.js';

const times = [1000, 2000, 3000];

describe('chartOutputs', () => {
  it('maps plots, hlines, fills and bgcolor', () => {
    const out = chartOutputs({
      plots: [
        { id: 0, kind: 'plot', title: 'Hist', values: Float64Array.from([1, NaN, -2]), colors: Float64Array.from([0xff0000ff, NaN, 0x00ff00ff]), color: NaN, options: { style: 'histogram', linewidth: 2, histbase: 0 } },
        { id: 1, kind: 'plotshape', title: 'Up', values: Float64Array.from([0, 1, 0]), colors: null, color: 0x00ff00ff, options: { style: 'triangleup', location: 'belowbar', text: 'up', offset: 0 } },
      ],
      hlines: [{ id: 0, title: 'Zero', price: 0, color: NaN, options: { linestyle: 'dotted' } }],
      fills: [{ id: 0, title: 'Band', from: { kind: 'plot', id: 0 }, to: { kind: 'hline', id: 0 }, color: 0x2962ff1a, colors: null }],
      colorSeries: [
        { kind: 'bgcolor', title: 'bg', colors: Float64Array.from([NaN, 0xff000033, NaN]) },
        { kind: 'barcolor', title: 'bars', colors: Float64Array.from([1, 1, 1]) },
      ],
    }, times);
    expect(out.plots[0]).toEqual({
      title: 'Hist', kind: 'plot', style: 'histogram', linewidth: 2, histbase: 0, color: null,
      points: [{ time: 1000, value: 1 }, { time: 2000, value: null }, { time: 3000, value: -2 }],
      colors: [0xff0000ff, null, 0x00ff00ff],
    });
    expect(out.plots[1]).toMatchObject({ kind: 'plotshape', style: 'triangleup', location: 'belowbar', text: 'up', color: 0x00ff00ff });
    expect(out.plots[1]).not.toHaveProperty('colors');
    expect(out.hlines).toEqual([{ title: 'Zero', price: 0, color: null, linestyle: 'dotted', linewidth: 1 }]);
    expect(out.fills).toEqual([{ title: 'Band', from: { kind: 'plot', index: 0 }, to: { kind: 'hline', index: 0 }, color: 0x2962ff1a }]);
    expect(out.bgcolors).toEqual([{ title: 'bg', points: [{ time: 2000, color: 0xff000033 }] }]);
  });
});
