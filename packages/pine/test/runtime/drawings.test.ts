import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows } from '../../src/core/bars.js';

const bars = barColumnsFromRows(Array.from({ length: 60 }, (_, i) => ({ time: i * 60_000, open: i, high: i + 1, low: i - 1, close: i, volume: 1 })));

function exec(src: string) {
  const c = compile(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return run(c.program!, bars);
}

describe('drawing objects as data', () => {
  it('creates, updates and caps lines at max_lines_count (oldest deleted first)', () => {
    const r = exec('//@version=6\nindicator("d", max_lines_count = 3)\nl = line.new(bar_index, low, bar_index + 1, high)\nl.set_x2(bar_index + 5)\nplot(l.get_price(bar_index + 1), "p")\nplot(line.all.size(), "n")\n');
    expect(r.drawings.line).toHaveLength(3);
    expect(r.drawings.line.map((d) => d.bar)).toEqual([57, 58, 59]);
    expect(r.drawings.line[2]!.props).toMatchObject({ x1: 59, y1: 58, x2: 64, y2: 60 });
    expect(r.plots[0]!.values[59]).toBeCloseTo(58.4, 12);
    expect(r.plots[1]!.values[59]).toBe(3);
  });

  it('keeps labels from chart points and table cells', () => {
    const r = exec(
      '//@version=6\nindicator("d")\nif bar_index % 10 == 0\n    label.new(chart.point.now(high), "hi " + str.tostring(bar_index))\nvar t = table.new(position.top_right, 2, 2)\nif barstate.islast\n    table.cell(t, 1, 0, "last")\n    t.cell_set_text(0, 1, "x")\n',
    );
    expect(r.drawings.label.map((d) => d.props['text'])).toEqual(['hi 0', 'hi 10', 'hi 20', 'hi 30', 'hi 40', 'hi 50']);
    expect(r.drawings.label[1]!.props).toMatchObject({ x: 10, y: 11 });
    expect(r.drawings.table).toHaveLength(1);
    expect(r.drawings.table[0]!.props['cells']).toEqual({ '1,0': { column: 1, row: 0, text: 'last' }, '0,1': { column: 0, row: 1, text: 'x' } });
  });

  it('deletes drawings', () => {
    const r = exec('//@version=6\nindicator("d")\nvar box b = na\nbox.delete(b)\nb := box.new(bar_index, high, bar_index + 2, low)\n');
    expect(r.drawings.box).toHaveLength(1);
    expect(r.drawings.box[0]!.bar).toBe(59);
  });
});
