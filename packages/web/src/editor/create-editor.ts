// Builds the CodeMirror 6 editor for Pine: highlighting, autocompletion, live diagnostics from the
// compiler worker (debounced by the lint extension), and a change callback.
import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { compiler } from '../worker/compiler-client.js';
import { pineCompletions } from './completions.js';
import { toCmDiagnostics, type CheckListener } from './diagnostics.js';
import { pineLanguage } from './pine-language.js';

const pineHighlight = HighlightStyle.define([
  { tag: t.keyword, color: '#b3127d', fontWeight: '600' },
  { tag: t.modifier, color: '#b3127d' },
  { tag: t.namespace, color: '#2962ff' },
  { tag: t.function(t.variableName), color: '#1565c0' },
  { tag: t.standard(t.variableName), color: '#00796b' },
  { tag: t.typeName, color: '#6a1b9a' },
  { tag: t.number, color: '#e65100' },
  { tag: t.bool, color: '#e65100' },
  { tag: t.color, color: '#e65100' },
  { tag: t.string, color: '#2e7d32' },
  { tag: t.lineComment, color: '#8a8f98', fontStyle: 'italic' },
  { tag: t.meta, color: '#8a8f98', fontWeight: '600' },
  { tag: t.operator, color: '#37474f' },
]);

export interface PineEditorOptions {
  parent: HTMLElement;
  doc: string;
  onChange?: (doc: string) => void;
  onCheck?: CheckListener;
  readOnly?: boolean;
}

export function createPineEditor(opts: PineEditorOptions): EditorView {
  const lint = linter(
    async (view) => {
      const source = view.state.doc.toString();
      try {
        const reply = await compiler.check(source);
        opts.onCheck?.(reply);
        return toCmDiagnostics(reply.diagnostics, view.state.doc.length);
      } catch {
        return [];
      }
    },
    { delay: 300 },
  );
  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    bracketMatching(),
    closeBrackets(),
    indentUnit.of('    '),
    pineLanguage,
    syntaxHighlighting(pineHighlight),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    autocompletion({ override: [pineCompletions], activateOnTyping: true }),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) opts.onChange?.(u.state.doc.toString());
    }),
    EditorView.theme({ '&': { height: '100%', fontSize: '13px' }, '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } }),
  ];
  if (opts.readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  else extensions.push(lint, lintGutter());
  return new EditorView({ parent: opts.parent, state: EditorState.create({ doc: opts.doc, extensions }) });
}
