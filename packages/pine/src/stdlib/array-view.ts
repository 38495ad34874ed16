// array.slice returns a live view: TradingView's slices share storage with the source array
// (setting an element of the slice changes the source; the test fixtures show it). A view is a
// Proxy over an empty JS array, so it is still an Array to every caller, and forwards indexed
// reads/writes and insertions/removals to the source's window [from, from + size).
import { ELEM_TYPE } from './types.js';

interface ViewState {
  parent: unknown[];
  from: number;
  size: number;
}

const VIEW = Symbol('pineback.arrayView');

function indexOf(prop: string | symbol): number {
  if (typeof prop !== 'string') return -1;
  const n = Number(prop);
  return Number.isInteger(n) && n >= 0 && String(n) === prop ? n : -1;
}

export function isView(arr: unknown): boolean {
  return Array.isArray(arr) && (arr as unknown as Record<symbol, unknown>)[VIEW] !== undefined;
}

export function makeView<T>(parent: T[], from: number, to: number): T[] {
  const st: ViewState = { parent, from, size: Math.max(0, to - from) };
  const handler: ProxyHandler<T[]> = {
    get(target, prop, receiver) {
      if (prop === 'length') return st.size;
      if (prop === VIEW) return st;
      if (prop === ELEM_TYPE) return (st.parent as unknown as Record<symbol, unknown>)[ELEM_TYPE];
      const i = indexOf(prop);
      if (i >= 0) return i < st.size ? st.parent[st.from + i] : undefined;
      return Reflect.get(target, prop, receiver);
    },
    set(_target, prop, value) {
      if (prop === 'length') {
        const n = Number(value);
        if (n < st.size) st.parent.splice(st.from + n, st.size - n);
        else while (st.size < n) st.parent.splice(st.from + st.size++, 0, undefined as T);
        st.size = n;
        return true;
      }
      const i = indexOf(prop);
      if (i < 0) return true;
      while (i > st.size) st.parent.splice(st.from + st.size++, 0, undefined as T);
      if (i === st.size) {
        st.parent.splice(st.from + st.size, 0, value as T);
        st.size++;
      } else st.parent[st.from + i] = value as T;
      return true;
    },
    has(target, prop) {
      const i = indexOf(prop);
      if (i >= 0) return i < st.size;
      return Reflect.has(target, prop);
    },
    deleteProperty(_target, prop) {
      const i = indexOf(prop);
      if (i >= 0 && i < st.size) st.parent[st.from + i] = undefined as T;
      return true;
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let i = 0; i < st.size; i++) keys.push(String(i));
      return keys.concat(Reflect.ownKeys(target).filter((k) => k !== 'length' && indexOf(k) < 0), ['length']);
    },
    getOwnPropertyDescriptor(target, prop) {
      const i = indexOf(prop);
      if (i >= 0) return i < st.size ? { value: st.parent[st.from + i], writable: true, enumerable: true, configurable: true } : undefined;
      if (prop === 'length') return { value: st.size, writable: true, enumerable: false, configurable: false };
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  };
  return new Proxy<T[]>([], handler);
}
