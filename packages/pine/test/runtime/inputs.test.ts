import { describe, expect, it } from 'vitest';
import { InputError, resolveInputs, type InputDecl } from '../../src/runtime/inputs.js';

const decls: InputDecl[] = [
  { kind: 'int', title: 'Length', defval: 14, minval: 1, maxval: 100, line: 1 },
  { kind: 'float', title: 'Mult', defval: 2, line: 2 },
  { kind: 'bool', title: 'Show', defval: true, line: 3 },
  { kind: 'string', title: 'Mode', defval: 'A', options: ['A', 'B'], line: 4 },
  { kind: 'source', title: 'Source', defval: 'close', line: 5 },
  { kind: 'color', title: 'Colour', defval: 0xff0000ff, line: 6 },
  { kind: 'int', title: null, defval: 3, line: 7 },
  { kind: 'enum', title: 'Dir', defval: 'up', enumMembers: [{ name: 'up', title: 'Up' }, { name: 'down', title: 'Down' }], line: 8 },
];

describe('inputs', () => {
  it('uses defaults without overrides', () => {
    expect(resolveInputs(decls)).toEqual([14, 2, true, 'A', 'close', 0xff0000ff, 3, 'up']);
  });

  it('applies overrides by title (text from the CLI or typed values), untitled inputs by position', () => {
    const v = resolveInputs(decls, { Length: '20', Mult: 1.5, Show: 'false', Mode: 'B', Source: 'hl2', Colour: '#00ff00', 'input 7': '9', Dir: 'Down' });
    expect(v).toEqual([20, 1.5, false, 'B', 'hl2', 0x00ff00ff, 9, 'down']);
  });

  it('validates type, range, options and unknown titles', () => {
    expect(() => resolveInputs(decls, { Length: '0' })).toThrow(/≥ 1/);
    expect(() => resolveInputs(decls, { Length: '101' })).toThrow(/≤ 100/);
    expect(() => resolveInputs(decls, { Length: '1.5' })).toThrow(/integer/);
    expect(() => resolveInputs(decls, { Mult: 'x' })).toThrow(/number/);
    expect(() => resolveInputs(decls, { Mode: 'C' })).toThrow(/one of A, B/);
    expect(() => resolveInputs(decls, { Source: 'foo' })).toThrow(InputError);
    expect(() => resolveInputs(decls, { Dir: 'Sideways' })).toThrow(/Up, Down/);
    expect(() => resolveInputs(decls, { Lenght: '3' })).toThrow(/no input titled "Lenght"/);
  });
});
