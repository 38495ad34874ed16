// `--lib DIR` (repeatable): the Pine library sources a script's `import user/Name/version` resolve to.
// Every *.pine file under each directory (recursively) that declares `library("Name")` is indexed by
// that name and the author of its `// © author` header; files that are not libraries are skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceLibraryResolver } from '@pineback/pine';

export class LibraryDirError extends Error {}

function pineFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new LibraryDirError(`--lib ${dir}: ${(err as Error).message}`);
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...pineFiles(p));
    else if (e.isFile() && e.name.endsWith('.pine')) out.push(p);
  }
  return out;
}

/** A resolver over the libraries found in `dirs` (earlier directories win when two hold the same library). */
export function libraryResolver(dirs: readonly string[]): SourceLibraryResolver {
  const resolver = new SourceLibraryResolver();
  for (const dir of dirs) for (const file of pineFiles(dir)) resolver.add(readFileSync(file, 'utf8'));
  return resolver;
}
