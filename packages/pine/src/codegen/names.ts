// Safe JavaScript spellings for everything taken from user text. Generated code never embeds a
// user identifier or literal verbatim: identifiers are reduced to [A-Za-z0-9_] and prefixed (so
// they cannot collide with JS keywords or generator temporaries, which all start with `$`), and
// literals go through JSON.stringify / numeric formatting.

/** `v_<name>_<id>` for a Pine variable declared by node `id`. */
export function varName(name: string, id: number): string {
  return `v_${sanitize(name)}_${id}`;
}

/** Property name used for a UDT field (prefixed so `__proto__`, `constructor`... are harmless). */
export function fieldName(name: string): string {
  return `f_${sanitize(name)}`;
}

export function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, (c) => `$${c.charCodeAt(0).toString(16)}`).replace(/\$/g, '_');
}

/** A JS literal for a JS value produced at compile time (numbers, strings, bools, null). */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    if (Object.is(v, -0)) return '-0';
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    // JSON escapes quotes, backslashes and control characters; U+2028/2029 are escaped as well so the
    // text is safe inside any JS string context.
    return JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  }
  throw new Error(`cannot embed a ${typeof v} literal`);
}
