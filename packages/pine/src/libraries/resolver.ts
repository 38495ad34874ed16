// How an `import user/Name/version` finds its source. PineBack cannot fetch TradingView's published
// libraries, so the user supplies their (open-source) text; a resolver maps an import onto it. This
// package only holds sources in memory; reading them from directories is the caller's job (CLI).
import { libraryIdentity, type LibraryIdentity } from './identity.js';

export interface LibraryResolver {
  /** The source of library `name` published by `user` (any version), or undefined when unknown. */
  resolve(user: string, name: string, version: number): string | undefined;
}

export interface LibrarySource {
  readonly source: string;
  /** Where the text came from (a file path), for messages. */
  readonly origin?: string;
}

interface Entry extends LibraryIdentity {
  readonly source: string;
}

/**
 * A resolver over library sources held in memory. An import matches a source with the same library
 * name (case-insensitive) and the same author; a source that names no author (no `// ©` header) matches
 * any author, because many shared copies lost their header. The version is not checked: the source
 * does not carry the published version number.
 */
export class SourceLibraryResolver implements LibraryResolver {
  private readonly byName = new Map<string, Entry[]>();

  constructor(sources: Iterable<string | LibrarySource> = []) {
    for (const s of sources) this.add(typeof s === 'string' ? s : s.source);
  }

  /** Adds a source; returns its identity, or null (and ignores it) when it declares no library. */
  add(source: string): LibraryIdentity | null {
    const id = libraryIdentity(source);
    if (!id) return null;
    const key = id.name.toLowerCase();
    const list = this.byName.get(key) ?? [];
    list.push({ ...id, source });
    this.byName.set(key, list);
    return id;
  }

  resolve(user: string, name: string): string | undefined {
    const list = this.byName.get(name.toLowerCase());
    if (!list) return undefined;
    const u = user.toLowerCase();
    return (list.find((e) => e.author?.toLowerCase() === u) ?? list.find((e) => e.author === null))?.source;
  }
}
