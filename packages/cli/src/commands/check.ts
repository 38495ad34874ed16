// `pineback check FILE...`: parse and type-check Pine scripts without running them.
// Exit code 0 when every file compiles (warnings allowed), 1 when any file has an error.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { check, formatDiagnostic, linkLibraries, parse, type Diagnostic, type LibraryResolver } from '@pineback/pine';
import { LibraryDirError, libraryResolver } from '@pineback/server/library-dirs';

export interface FileReport {
  file: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** Parser + checker diagnostics for one source text, sorted by position. With `libraries`, imports are
 *  linked and calls into them checked; without, anything reached through an import is accepted. */
export function checkSource(source: string, libraries?: LibraryResolver): Diagnostic[] {
  const parsed = parse(source);
  const diagnostics = [...parsed.diagnostics];
  // Type errors on top of syntax errors would mostly be noise from error recovery.
  if (!diagnostics.some((d) => d.severity === 'error')) {
    let script = parsed.ast;
    if (libraries) {
      const linked = linkLibraries(script, source, libraries);
      diagnostics.push(...linked.diagnostics);
      script = linked.script;
    }
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push(...check(script, { source }).diagnostics);
  }
  return diagnostics.sort((a, b) => a.span.start - b.span.start);
}

export function checkFiles(files: readonly string[], libraries?: LibraryResolver): { reports: FileReport[]; sources: Map<string, string> } {
  const sources = new Map<string, string>();
  const reports = files.map((file) => {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (err) {
      const message = `Cannot read file: ${err instanceof Error ? err.message : String(err)}`;
      return { file, ok: false, diagnostics: [{ severity: 'error', message, span: { start: 0, end: 0 }, line: 1, column: 1, code: 'io' } as Diagnostic] };
    }
    sources.set(file, source);
    const diagnostics = checkSource(source, libraries);
    return { file, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics };
  });
  return { reports, sources };
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Parse and type-check Pine Script files (v5 and v6)')
    .argument('<files...>', 'Pine Script files')
    .option('--json', 'print machine-readable diagnostics')
    .option('--lib <dir>', 'directory of Pine library sources that `import author/Name/version` resolves to (repeatable); without it, library members are not checked', (v: string, prev: string[]) => [...prev, v], [])
    .action((files: string[], opts: { json?: boolean; lib: string[] }) => {
      let libraries: LibraryResolver | undefined;
      try {
        if (opts.lib.length) libraries = libraryResolver(opts.lib);
      } catch (e) {
        if (!(e instanceof LibraryDirError)) throw e;
        process.stderr.write(`error: --lib: ${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      const { reports, sources } = checkFiles(files, libraries);
      if (opts.json) {
        const out = reports.map((r) => ({
          file: r.file,
          ok: r.ok,
          diagnostics: r.diagnostics.map((d) => ({ severity: d.severity, code: d.code ?? null, message: d.message, line: d.line, column: d.column, start: d.span.start, end: d.span.end })),
        }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const r of reports) {
          const source = sources.get(r.file);
          for (const d of r.diagnostics) {
            process.stdout.write(`${source === undefined ? `${r.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}` : formatDiagnostic(source, r.file, d)}\n`);
          }
        }
        const failed = reports.filter((r) => !r.ok).length;
        process.stderr.write(failed === 0 ? `${reports.length} file(s) OK\n` : `${failed} of ${reports.length} file(s) have errors\n`);
      }
      process.exitCode = reports.every((r) => r.ok) ? 0 : 1;
    });
}
