// Lexical scopes: the global scope, one per function body, and one per block (if/for/while/switch arm).
// Pine resolves names by the innermost enclosing declaration that precedes the use.
import type { Ref } from './info.js';
import type { QType } from './types.js';

export interface Binding {
  readonly ref: Ref;
  /** Current static type; reassignments may widen it (int → float) or make its qualifier unknown. */
  type: QType;
  /** Declared with an explicit type keyword (`float x = na`): reassignments must fit that type. */
  readonly declaredType: boolean;
  /** `const x = …`: may not be reassigned. */
  readonly isConst: boolean;
  readonly isVar: boolean;
}

export class Scope {
  /** Created on first definition: most blocks declare nothing. */
  private names: Map<string, Binding> | null = null;

  constructor(
    readonly parent: Scope | null,
    /** 'function' scopes stop the search for loop membership (break/continue). */
    readonly kind: 'global' | 'function' | 'block' | 'loop',
  ) {}

  lookup(name: string): Binding | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) return b;
    }
    return undefined;
  }

  lookupLocal(name: string): Binding | undefined {
    return this.names?.get(name);
  }

  /** A binding in an enclosing block of the same function (or of the global code), not this scope. */
  lookupEnclosing(name: string): Binding | undefined {
    if (this.kind === 'function' || this.kind === 'global') return undefined;
    for (let s: Scope | null = this.parent; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) return b;
      if (s.kind === 'function') return undefined;
    }
    return undefined;
  }

  define(name: string, binding: Binding): void {
    (this.names ??= new Map()).set(name, binding);
  }

  get isGlobal(): boolean {
    return this.kind === 'global';
  }

  inLoop(): boolean {
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.kind === 'loop') return true;
      if (s.kind === 'function') return false;
    }
    return false;
  }
}
