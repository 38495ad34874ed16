// Live diagnostics: the editor's linter asks the compiler worker, and hands the script's inputs and
// kind to whoever listens (the run panel shows inputs as overrides).
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { CheckReply, WorkerDiagnostic } from '../worker/protocol.js';

export function toCmDiagnostics(diags: readonly WorkerDiagnostic[], docLength: number): CmDiagnostic[] {
  return diags.map((d) => {
    const from = Math.min(Math.max(0, d.from), docLength);
    let to = Math.min(Math.max(from, d.to), docLength);
    if (to === from && from < docLength) to = from + 1;
    return { from, to, severity: d.severity, message: d.message, source: d.code ? `pine (${d.code})` : 'pine' };
  });
}

export type CheckListener = (reply: CheckReply) => void;
