export type { Diagnostic, Severity } from './diagnostic.js';
export { formatDiagnostic, formatDiagnostics } from './format.js';
export { computeLineStarts, lineColumn, lineColumnFromStarts, type LineColumn } from './position.js';
