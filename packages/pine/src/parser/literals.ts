// Literal token text → values.

export function parseNumber(text: string): number {
  return Number(text.endsWith('.') ? text.slice(0, -1) : text);
}

/** `#RRGGBB` / `#RRGGBBAA` → 0xRRGGBBAA (unsigned); NaN for malformed text (already reported by the lexer). */
export function parseColor(text: string): number {
  const hex = text.slice(1);
  if (!/^[0-9a-fA-F]+$/.test(hex)) return NaN;
  if (hex.length === 6) return (parseInt(hex, 16) * 256 + 255) >>> 0;
  if (hex.length === 8) return parseInt(hex, 16) >>> 0;
  return NaN;
}
