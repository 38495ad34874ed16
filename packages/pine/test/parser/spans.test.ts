// Source spans, node ids and line/column lookup.
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/parser/ast.js';
import { computeLineStarts, lineColumn, lineColumnFromStarts, nodeAt, parse, walkAst } from '../../src/parser/index.js';

function allNodes(root: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(root)) for (const n of root) allNodes(n, out);
  else if (root !== null && typeof root === 'object') {
    const o = root as Record<string, unknown>;
    if (typeof o.kind === 'string' && o.span !== undefined) out.push(o as unknown as Node);
    for (const [k, v] of Object.entries(o)) if (k !== 'span' && k !== 'lineStarts' && k !== 'docs') allNodes(v, out);
  }
  return out;
}

const SRC = `//@version=6
indicator("t", overlay = true)
len = input.int(14, "Length")
f(x) =>
    y = x * 2
    [y, x]
[a, b] = f(close)
plot(ta.sma(close, len)[1])
`;

describe('spans', () => {
  const { ast, diagnostics } = parse(SRC);

  it('parses cleanly', () => expect(diagnostics).toEqual([]));

  it('every node has a span inside the source; the script spans it all', () => {
    expect(ast.span).toEqual({ start: 0, end: SRC.length });
    for (const n of allNodes(ast)) {
      expect(n.span.start).toBeLessThanOrEqual(n.span.end);
      expect(n.span.end).toBeLessThanOrEqual(SRC.length);
    }
  });

  it('spans cover exactly the written text', () => {
    const text = (n: Node): string => SRC.slice(n.span.start, n.span.end);
    const byKind = (k: string): string[] => allNodes(ast).filter((n) => n.kind === k).map(text);
    expect(byKind('Call')).toContain('ta.sma(close, len)');
    expect(byKind('HistoryAccess')).toEqual(['ta.sma(close, len)[1]']);
    expect(byKind('Argument')).toContain('overlay = true');
    expect(byKind('FunctionDeclaration')).toEqual(['f(x) =>\n    y = x * 2\n    [y, x]']);
    expect(byKind('TupleDeclaration')).toEqual(['[a, b] = f(close)']);
    expect(byKind('Annotation')).toEqual(['//@version=6']);
  });

  it('ids are unique, positive integers, and stable across parses', () => {
    const ids = allNodes(ast).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((i) => Number.isInteger(i) && i > 0)).toBe(true);
    const again = allNodes(parse(SRC).ast).map((n) => n.id);
    expect(again).toEqual(ids);
  });
});

describe('lineColumn', () => {
  it('is 1-based and handles every line ending', () => {
    const src = 'ab\ncd\r\nef\rgh';
    expect(lineColumn(src, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(src, 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumn(src, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(src, 7)).toEqual({ line: 3, column: 1 });
    expect(lineColumn(src, 10)).toEqual({ line: 4, column: 1 });
    expect(lineColumn(src, src.length)).toEqual({ line: 4, column: 3 });
  });

  it('Script.lineStarts gives the same answer', () => {
    const { ast } = parse(SRC);
    expect(ast.lineStarts).toEqual(computeLineStarts(SRC));
    const off = SRC.indexOf('ta.sma');
    expect(lineColumnFromStarts(ast.lineStarts, off)).toEqual(lineColumn(SRC, off));
    expect(lineColumn(SRC, off)).toEqual({ line: 8, column: 6 });
  });

  it('diagnostics carry the line and column of their span start', () => {
    const src = '//@version=6\nx = 1\ny = )';
    const [d] = parse(src).diagnostics;
    expect(d).toMatchObject({ line: 3, column: 5, span: { start: src.lastIndexOf(')') } });
  });
});

describe('traversal helpers', () => {
  const { ast } = parse(SRC);

  it('walkAst visits every node once, children inside their parent span', () => {
    const seen: Node[] = [];
    walkAst(ast, (node, parent) => {
      seen.push(node);
      if (parent) {
        expect(node.span.start).toBeGreaterThanOrEqual(parent.span.start);
        expect(node.span.end).toBeLessThanOrEqual(parent.span.end);
      }
    });
    expect(seen.length).toBe(allNodes(ast).length);
  });

  it('nodeAt finds the innermost node at an offset', () => {
    const at = (needle: string, delta = 0): string => {
      const n = nodeAt(ast, SRC.indexOf(needle) + delta);
      return `${n.kind}:${SRC.slice(n.span.start, n.span.end)}`;
    };
    expect(at('sma')).toBe('Identifier:sma');
    expect(at('len)[1]')).toBe('Identifier:len');
    expect(at('[1]')).toBe('HistoryAccess:ta.sma(close, len)[1]');
    expect(at('overlay')).toBe('Identifier:overlay');
  });
});
