// A ReadonlyMap keyed by AST node id backed by an array: node ids are small dense integers, and the
// checker records a type for nearly every expression, so this is much cheaper than a hash map.
export class DenseMap<V> implements ReadonlyMap<number, V> {
  private readonly slots: (V | undefined)[];
  private count = 0;

  /** `capacity`: expected largest id + 1 (the parser numbers nodes densely from 0). */
  constructor(capacity = 0) {
    this.slots = new Array<V | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  get(id: number): V | undefined {
    return this.slots[id];
  }

  has(id: number): boolean {
    return this.slots[id] !== undefined;
  }

  set(id: number, value: V): this {
    // Fill holes so the backing array stays packed (fast element access).
    while (this.slots.length < id) this.slots.push(undefined);
    if (this.slots[id] === undefined) this.count++;
    this.slots[id] = value;
    return this;
  }

  private *pairs(): Generator<[number, V]> {
    for (let i = 0; i < this.slots.length; i++) {
      const v = this.slots[i];
      if (v !== undefined) yield [i, v];
    }
  }

  entries(): MapIterator<[number, V]> {
    return this.pairs() as unknown as MapIterator<[number, V]>;
  }

  keys(): MapIterator<number> {
    return (function* (it: Generator<[number, V]>) {
      for (const [k] of it) yield k;
    })(this.pairs()) as unknown as MapIterator<number>;
  }

  values(): MapIterator<V> {
    return (function* (it: Generator<[number, V]>) {
      for (const [, v] of it) yield v;
    })(this.pairs()) as unknown as MapIterator<V>;
  }

  forEach(cb: (value: V, key: number, map: ReadonlyMap<number, V>) => void): void {
    for (const [k, v] of this.pairs()) cb(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }
}
