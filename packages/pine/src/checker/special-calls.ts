// Built-ins whose result type depends on an argument in a way the catalog's notation cannot express:
// `input(defval)`, `input.enum(defval)`, and the `request.*` functions that return the requested
// expression's type (including tuples).
import type { CheckContext } from './context.js';
import type { ArgInfo } from './resolve-call.js';
import { Q, T, UNKNOWN, type PineType, type QType } from './types.js';

function argNamed(args: readonly ArgInfo[], name: string, position: number): ArgInfo | undefined {
  return args.find((a) => a.name === name) ?? args.filter((a) => a.name === null)[position];
}

function seriesOf(t: PineType): QType {
  if (t.k === 'tuple') return { type: { k: 'tuple', elems: t.elems.map((e) => seriesOf(e.type)) }, q: Q.Series };
  return { type: t.k === 'na' ? T.float : t, q: Q.Series };
}

function arrayOf(t: PineType): QType {
  if (t.k === 'tuple') return { type: { k: 'tuple', elems: t.elems.map((e) => arrayOf(e.type)) }, q: Q.Series };
  return { type: { k: 'array', elem: t }, q: Q.Series };
}

export function specialResult(cx: CheckContext, name: string, args: readonly ArgInfo[], result?: QType): QType | null {
  void cx;
  switch (name) {
    case 'input': {
      const d = argNamed(args, 'defval', 0);
      if (!d) return result ?? null;
      // A source built-in (close, hl2, …) makes a source input: series float.
      if (d.type.q === Q.Series) return { type: T.float, q: Q.Series };
      const k = d.type.type.k;
      if (k === 'int' || k === 'float' || k === 'bool' || k === 'string' || k === 'color') return { type: d.type.type, q: Q.Input };
      return { type: T.unknown, q: Q.Input };
    }
    case 'input.enum': {
      const d = argNamed(args, 'defval', 0);
      return d && d.type.type.k === 'enum' ? { type: d.type.type, q: Q.Input } : { type: T.unknown, q: Q.Input };
    }
    case 'request.security':
    case 'request.seed': {
      const e = argNamed(args, 'expression', 2);
      return e ? seriesOf(e.type.type) : UNKNOWN;
    }
    case 'request.security_lower_tf': {
      const e = argNamed(args, 'expression', 2);
      return e ? arrayOf(e.type.type) : UNKNOWN;
    }
    default:
      return null;
  }
}
