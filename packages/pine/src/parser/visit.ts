// Generic traversal over the AST without per-kind code: children are the node-valued fields
// (nodes and arrays of nodes), in source order. `docs` annotations sit outside their
// declaration's span, so they are not treated as children.
import type { Node, Script } from './ast.js';

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Calls `fn` on each direct child of `node`, in field order (which is source order). */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  for (const key in node) {
    if (key === 'span' || key === 'docs' || key === 'lineStarts') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) fn(item);
    } else if (isNode(value)) {
      fn(value);
    }
  }
}

/** Pre-order walk; return `false` from `fn` to skip a node's children. */
export function walkAst(node: Node, fn: (node: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (fn(node, parent) === false) return;
  forEachChild(node, (child) => walkAst(child, fn, node));
}

/** The innermost node whose span contains `offset` (start inclusive, end exclusive), or the script. */
export function nodeAt(script: Script, offset: number): Node {
  let found: Node = script;
  walkAst(script, (node) => {
    if (node.kind === 'Script') return true;
    if (offset < node.span.start || offset >= node.span.end) return false;
    found = node;
    return true;
  });
  return found;
}
