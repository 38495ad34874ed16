// The default built-in registries: every module's table merged into one lookup. Keys never
// collide (each namespace belongs to one module).
import { STRATEGY_CONSTANTS, STRATEGY_FUNCTIONS, STRATEGY_VARIABLES } from '../broker/bindings.js';
import { STDLIB_CONSTANTS, STDLIB_FUNCTIONS, STDLIB_STATEFUL, STDLIB_VARIABLES } from '../stdlib/registry.js';
import { TA_FUNCTIONS, TA_VARIABLES } from '../ta/registry.js';
import { DRAWING_REGISTRY } from '../runtime/drawings.js';
import type { Registries } from './builtins.js';

let cached: Registries | null = null;

export function defaultRegistries(): Registries {
  cached ??= {
    // Drawings first: a module that implements a drawing function itself takes precedence.
    functions: { ...DRAWING_REGISTRY.functions, ...STDLIB_FUNCTIONS, ...STDLIB_STATEFUL, ...TA_FUNCTIONS, ...STRATEGY_FUNCTIONS },
    variables: { ...DRAWING_REGISTRY.variables, ...STDLIB_VARIABLES, ...TA_VARIABLES, ...STRATEGY_VARIABLES },
    constants: { ...STDLIB_CONSTANTS, ...STRATEGY_CONSTANTS },
  };
  return cached;
}

/** Merges registries; later ones win on key collisions (tests use this to inject fakes). */
export function mergeRegistries(...regs: Partial<Registries>[]): Registries {
  const out: Registries = { functions: {}, variables: {}, constants: {} };
  for (const r of regs) {
    Object.assign(out.functions, r.functions ?? {});
    Object.assign(out.variables, r.variables ?? {});
    Object.assign(out.constants, r.constants ?? {});
  }
  return out;
}
