// The script being edited, shared by the editor, builder, run panel and optimiser; persisted in
// localStorage. The latest worker check (diagnostics, inputs, kind) lives here too.
import { ref, watch } from 'vue';
import { TEMPLATES } from '../templates/index.js';
import type { CheckReply } from '../worker/protocol.js';

const KEY = 'pineback.script';
const initial = (typeof localStorage !== 'undefined' && localStorage.getItem(KEY)) || TEMPLATES[0]!.source;

const source = ref<string>(initial);
/** The saved strategy the editor text belongs to (null = not saved yet, or a template). */
const saved = ref<{ id: string; name: string; version: number } | null>(readSaved());

function readSaved(): { id: string; name: string; version: number } | null {
  try {
    return JSON.parse(localStorage.getItem('pineback.saved') ?? 'null') as { id: string; name: string; version: number } | null;
  } catch {
    return null;
  }
}
watch(saved, (v) => {
  try {
    localStorage.setItem('pineback.saved', JSON.stringify(v));
  } catch {
    /* ignore */
  }
});
const check = ref<CheckReply | null>(null);
/** Bumped when the source is replaced from outside the editor (template, builder), so it reloads. */
const revision = ref(0);

watch(source, (s) => {
  try {
    localStorage.setItem(KEY, s);
  } catch {
    /* storage full or disabled: editing still works */
  }
});

export function useScript() {
  /** Replaces the editor text; `from` names the saved strategy it was loaded from, if any. */
  const replace = (text: string, from: { id: string; name: string; version: number } | null = null): void => {
    source.value = text;
    check.value = null;
    saved.value = from;
    revision.value++;
  };
  return { source, check, revision, saved, replace };
}
