// Hash routing for the app (/app/#/results/ID): the server serves /app/* with the same index, and the
// hash keeps deep links working behind any static host.
import { computed, ref } from 'vue';

export type RouteName = 'editor' | 'builder' | 'results' | 'history' | 'compare' | 'optimize' | 'data';

const NAMES: readonly RouteName[] = ['editor', 'builder', 'results', 'history', 'compare', 'optimize', 'data'];

export interface Route { name: RouteName; param: string | null }

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const name = (NAMES as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as RouteName) : 'editor';
  const param = parts.slice(1).join('/') || null;
  return { name, param: param ? decodeURIComponent(param) : null };
}

const current = ref<Route>(parseHash(typeof location !== 'undefined' ? location.hash : ''));
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (current.value = parseHash(location.hash)));

export function useRoute() {
  const navigate = (name: RouteName, param?: string | null): void => {
    location.hash = `#/${name}${param ? `/${encodeURIComponent(param)}` : ''}`;
  };
  return { route: computed(() => current.value), navigate };
}
