// Autocompletion of Pine built-ins from the generated catalog rows, plus names declared in the script.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { COMPLETION_ROWS } from './completions.generated.js';

const TYPE_BY_KIND = { f: 'function', v: 'variable', c: 'constant', t: 'type', k: 'keyword' } as const;

export const BUILTIN_COMPLETIONS: readonly Completion[] = COMPLETION_ROWS.map(([label, kind, detail, info]) => ({
  label,
  type: TYPE_BY_KIND[kind],
  detail,
  info: info || undefined,
  apply: kind === 'f' ? `${label}(` : label,
  boost: label.includes('.') ? 0 : 1,
}));

/** Completions for the dotted word before the cursor (`ta.cr` → ta.crossover…). */
export function pineCompletions(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/[A-Za-z_][\w.]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const text = word.text;
  const dot = text.lastIndexOf('.');
  const prefix = dot >= 0 ? text.slice(0, dot + 1) : '';
  const options = prefix ? BUILTIN_COMPLETIONS.filter((c) => c.label.startsWith(prefix)) : [...BUILTIN_COMPLETIONS, ...localNames(context.state.doc.toString())];
  return { from: word.from, options, validFor: /^[\w.]*$/ };
}

/** Variables and functions the script declares (`name =`, `name(args) =>`). */
export function localNames(source: string): Completion[] {
  const seen = new Set<string>();
  const out: Completion[] = [];
  for (const m of source.matchAll(/^\s*(?:var\s+|varip\s+)?(?:[A-Za-z_][\w.<>[\]]*\s+)?([A-Za-z_]\w*)\s*(\(|=(?!=))/gm)) {
    const name = m[1]!;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ label: name, type: m[2] === '(' ? 'function' : 'variable', boost: 2 });
  }
  return out;
}
