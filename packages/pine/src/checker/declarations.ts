// Global declarations (types, enums, functions, methods, imports), which Pine lets a script use
// anywhere at global level, and the mapping of written types (TypeRef) onto checker types.
import type { Script, TypeRef } from '../parser/ast.js';
import { baseTypeByName } from './builtins.js';
import type { CheckContext } from './context.js';
import { msg } from './messages.js';
import { T, type PineType } from './types.js';

export function collectGlobals(cx: CheckContext, script: Script): void {
  for (const st of script.body) {
    switch (st.kind) {
      case 'TypeDeclaration':
        cx.udts.set(st.name.name, st);
        break;
      case 'EnumDeclaration':
        cx.enums.set(st.name.name, st);
        break;
      case 'FunctionDeclaration': {
        const table = st.isMethod ? cx.methods : cx.functions;
        const list = table.get(st.name.name) ?? [];
        list.push(st);
        table.set(st.name.name, list);
        break;
      }
      case 'Import': {
        cx.imports.set(st.alias?.name ?? st.library, st);
        break;
      }
      default:
        break;
    }
  }
}

/** The checker type a written type denotes. Unknown names are reported once and typed unknown. */
export function resolveTypeRef(cx: CheckContext, ref: TypeRef): PineType {
  let t = cx.typeRefs.get(ref.id);
  if (!t) {
    t = resolveUncached(cx, ref);
    cx.typeRefs.set(ref.id, t);
  }
  return t;
}

function resolveUncached(cx: CheckContext, ref: TypeRef): PineType {
  const { name, typeArgs } = ref;
  if (name === 'array' || name === 'matrix') {
    const elem = typeArgs[0] ? resolveTypeRef(cx, typeArgs[0]) : T.unknown;
    return { k: name, elem };
  }
  if (name === 'map') {
    return {
      k: 'map',
      key: typeArgs[0] ? resolveTypeRef(cx, typeArgs[0]) : T.unknown,
      value: typeArgs[1] ? resolveTypeRef(cx, typeArgs[1]) : T.unknown,
    };
  }
  const base = baseTypeByName(name);
  if (base) return base;
  if (cx.udts.has(name)) return { k: 'udt', name };
  if (cx.enums.has(name)) return { k: 'enum', name };
  const dot = name.indexOf('.');
  if (dot > 0 && cx.imports.has(name.slice(0, dot))) return { k: 'udt', name };
  if (dot < 0) cx.error(ref, msg.unknownType(name), 'unknown-type');
  return T.unknown;
}
