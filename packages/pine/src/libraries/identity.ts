// Which published library a source file is: its `library("Name")` title and its author. A published
// version number is not part of the source, so it cannot be part of the identity.

export interface LibraryIdentity {
  /** The title given to `library()`, e.g. "CoreMath". */
  readonly name: string;
  /** From the `// © author` header line (TradingView's template) or a `// @author` line; null when absent. */
  readonly author: string | null;
}

// `library("Name"…)` or `library(title = "Name"…)` at the start of a line.
const LIBRARY_CALL = /^library\s*\(\s*(?:title\s*=\s*)?(["'])((?:\\.|(?!\1).)*)\1/m;
const COPYRIGHT = /^\s*\/\/\s*©\s*(\S+)/m;
const AUTHOR_TAG = /^\s*\/\/\s*@author\s+(\S+)/m;

/** The identity of a library source, or null when the text declares no library. */
export function libraryIdentity(source: string): LibraryIdentity | null {
  const call = LIBRARY_CALL.exec(source);
  if (!call) return null;
  const author = COPYRIGHT.exec(source)?.[1] ?? AUTHOR_TAG.exec(source)?.[1] ?? null;
  return { name: call[2]!, author };
}
