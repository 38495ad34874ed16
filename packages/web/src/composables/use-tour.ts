// First-visit guided tour: a few steps pointing at elements marked with data-tour="…". Dismissal is
// remembered in localStorage.
import { computed, ref } from 'vue';

export interface TourStep { target: string; title: string; text: string }

export const TOUR_STEPS: readonly TourStep[] = [
  { target: 'templates', title: 'Start from a template', text: 'Pick one of the strategy templates, or write your own Pine Script v6.' },
  { target: 'editor', title: 'Edit with live checks', text: 'Errors are underlined as you type, with TradingView-style messages. Ctrl+Space completes built-ins.' },
  { target: 'run-panel', title: 'Run a backtest', text: 'Choose symbols, timeframes, dates and costs, then Run. Progress is live and you can cancel.' },
  { target: 'nav-builder', title: 'No code? Use the builder', text: 'Combine 40+ indicators with AND/OR conditions; it writes readable Pine for you.' },
  { target: 'nav-history', title: 'Compare runs', text: 'Every run is kept: search the history, compare metrics and equity curves, optimise inputs.' },
];

const KEY = 'pineback.tour.done';
const step = ref<number | null>(null);

export function useTour() {
  const start = (): void => {
    step.value = 0;
  };
  const finish = (): void => {
    step.value = null;
    try {
      localStorage.setItem(KEY, '1');
    } catch {
      /* ignore */
    }
  };
  const next = (): void => {
    if (step.value === null) return;
    if (step.value + 1 >= TOUR_STEPS.length) finish();
    else step.value++;
  };
  const startIfFirstVisit = (): void => {
    let seen = false;
    try {
      seen = localStorage.getItem(KEY) === '1';
    } catch {
      seen = true;
    }
    if (!seen) start();
  };
  return { step, current: computed(() => (step.value === null ? null : TOUR_STEPS[step.value]!)), start, next, finish, startIfFirstVisit };
}
