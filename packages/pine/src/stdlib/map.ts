// map.* — Pine maps are JS Maps (insertion order is Pine's order; na map = null). Keys are
// primitives (numbers, strings, bools, colours), so JS's SameValueZero key equality matches Pine's.
import { PineRuntimeError } from '../core/errors.js';
import { naFor, tagArray, type ElemType, type StdlibFunction } from './types.js';

/** Remembers value/key types for na results and typed key/value arrays. */
const KEY_TYPE = Symbol.for('pineback.mapKeyType');
const VALUE_TYPE = Symbol.for('pineback.mapValueType');

type PineMap = Map<unknown, unknown> & { [KEY_TYPE]?: ElemType; [VALUE_TYPE]?: ElemType };

function check(id: PineMap | null, fn: string): PineMap {
  if (id === null || id === undefined) throw new PineRuntimeError(`Cannot call "map.${fn}()" on an na map.`);
  return id;
}

function naValue(id: PineMap): unknown {
  return naFor(id[VALUE_TYPE]);
}

/** map.new<K, V>(): the generator passes the key and value type names as leading arguments. */
export function newMap(keyType?: ElemType, valueType?: ElemType): PineMap {
  const m: PineMap = new Map();
  if (keyType !== undefined) m[KEY_TYPE] = keyType;
  if (valueType !== undefined) m[VALUE_TYPE] = valueType;
  return m;
}

export function put(id: PineMap, key: unknown, value: unknown): unknown {
  check(id, 'put');
  const old = id.has(key) ? id.get(key) : naValue(id);
  id.set(key, value);
  return old;
}

export function get(id: PineMap, key: unknown): unknown {
  check(id, 'get');
  return id.has(key) ? id.get(key) : naValue(id);
}

export function contains(id: PineMap, key: unknown): boolean {
  return check(id, 'contains').has(key);
}

export function remove(id: PineMap, key: unknown): unknown {
  check(id, 'remove');
  if (!id.has(key)) return naValue(id);
  const v = id.get(key);
  id.delete(key);
  return v;
}

export function size(id: PineMap): number {
  return check(id, 'size').size;
}

export function clear(id: PineMap): void {
  check(id, 'clear').clear();
}

export function keys(id: PineMap): unknown[] {
  return tagArray(Array.from(check(id, 'keys').keys()), id[KEY_TYPE]);
}

export function values(id: PineMap): unknown[] {
  return tagArray(Array.from(check(id, 'values').values()), id[VALUE_TYPE]);
}

export function copy(id: PineMap): PineMap {
  check(id, 'copy');
  const m: PineMap = new Map(id);
  if (id[KEY_TYPE] !== undefined) m[KEY_TYPE] = id[KEY_TYPE];
  if (id[VALUE_TYPE] !== undefined) m[VALUE_TYPE] = id[VALUE_TYPE];
  return m;
}

/** Copies every pair of id2 into id (existing keys are overwritten, id2 is left alone). */
export function put_all(id: PineMap, id2: PineMap): void {
  check(id, 'put_all');
  check(id2, 'put_all');
  for (const [k, v] of id2) id.set(k, v);
}

export const MAP_FUNCTIONS: Record<string, StdlibFunction> = {
  'map.new': { impl: newMap },
  'map.new<type,type>': { impl: newMap },
  'map.put': { impl: put },
  'map.get': { impl: get },
  'map.contains': { impl: contains },
  'map.remove': { impl: remove },
  'map.size': { impl: size },
  'map.clear': { impl: clear },
  'map.keys': { impl: keys },
  'map.values': { impl: values },
  'map.copy': { impl: copy },
  'map.put_all': { impl: put_all },
};
