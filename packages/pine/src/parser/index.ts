// Public entry of the Pine front end's parser: `parse(source)` → `{ ast, diagnostics }` (never
// throws), the AST types, traversal helpers and offset → line/column lookup.
export * from './ast.js';
export { parse, MIN_SUPPORTED_VERSION, MAX_SUPPORTED_VERSION, type ParseOptions, type ParseResult } from './script.js';
export { forEachChild, walkAst, nodeAt } from './visit.js';
export { lineColumn, lineColumnFromStarts, computeLineStarts, type LineColumn } from '../diagnostics/position.js';
