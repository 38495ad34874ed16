// Directories of Pine library sources that a script's `import user/Name/version` resolves to: the CLI's
// `--lib DIR` (check, run, serve) and the service's `libraryDirs` setting. Every *.pine file under each
// directory (recursively) that declares `library("Name")` is indexed by that name and the author of
// its `// © author` header; files that are not libraries are skipped. Exported on its own as
// `@pineback/server/library-dirs`, so `pineback check`/`run` use it without loading the service.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { libraryIdentity, SourceLibraryResolver } from '@pineback/pine';

export class LibraryDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryDirError';
  }
}

function pineFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new LibraryDirError(`library directory ${dir}: ${(err as Error).message}`);
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...pineFiles(p));
    else if (e.isFile() && e.name.endsWith('.pine')) out.push(p);
  }
  return out;
}

/** The library sources found in `dirs`, in directory order (files that declare no library are left out).
 *  Plain strings, so they can be handed to worker threads. Throws LibraryDirError for an unreadable directory. */
export function librarySources(dirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const file of pineFiles(dir)) {
      const source = readFileSync(file, 'utf8');
      if (libraryIdentity(source)) out.push(source);
    }
  }
  return out;
}

/** A resolver over the libraries found in `dirs` (earlier directories win when two hold the same library). */
export function libraryResolver(dirs: readonly string[]): SourceLibraryResolver {
  return new SourceLibraryResolver(librarySources(dirs));
}
