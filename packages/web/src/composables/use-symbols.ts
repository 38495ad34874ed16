// Stored symbols × timeframes (coverage), loaded once and shared by the run panel and data manager.
import { ref } from 'vue';
import { api } from '../api/client.js';
import type { Coverage } from '../api/types.js';

const items = ref<Coverage[]>([]);
const loaded = ref(false);
const error = ref<string | null>(null);

export function useSymbols() {
  const refresh = async (): Promise<void> => {
    try {
      items.value = (await api.symbols()).items;
      error.value = null;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loaded.value = true;
    }
  };
  if (!loaded.value) void refresh();
  return { items, loaded, error, refresh };
}
