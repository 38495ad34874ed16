// What the generated program tells the runtime about its request.security call sites: per slot, the
// top-level statements a context run needs (security-slice.ts), and the generated code with every
// top-level statement marked, from which runtime/security-slice.ts builds the reduced instance.
import type { CheckInfo } from '../checker/info.js';
import type { Script } from '../parser/ast.js';
import { MARKER, type SecurityProgram } from '../runtime/security-slice.js';
import { securitySlices } from './security-slice.js';

export type { SecurityProgram } from '../runtime/security-slice.js';

/** The generated lines of top-level statement `k`, marked (nothing for a statement without code). */
export function markStatement(k: number, lines: string[]): string[] {
  return lines.length === 0 ? lines : [`/*@K${k}{@*/`, ...lines, `/*@K${k}}@*/`];
}

/** The program's code without markers, and the slicing data when the script makes requests. */
export function securityProgram(
  script: Script,
  info: CheckInfo | null,
  slotStatement: readonly number[],
  targets: readonly (string | null)[],
  markedCode: string,
): { code: string; program?: SecurityProgram } {
  const code = markedCode.replace(MARKER, '');
  if (slotStatement.length === 0) return { code };
  const slices = securitySlices(script, info, slotStatement);
  // Slots whose fixed arguments are written alike are served by one context run (numbered groups; -1:
  // alone). Only slots whose dependencies make no other request join: a run widened by a member that
  // requests another context could nest that context inside this one, where it reads na (a cycle).
  const ids = new Map<string, number>();
  const groups = targets.map((t) => (t === null ? -1 : (ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1))));
  const joinable = slices.map((slice, j) => slice !== null && slotStatement.every((stmt, s) => !slice.includes(stmt) || groups[s] === groups[j]));
  return { code, program: { slices, groups: groups.map((g, j) => (joinable[j] ? g : -1)), markedCode } };
}
