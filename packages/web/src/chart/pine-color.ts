// Pine colours on the wire are 0xRRGGBBAA numbers (alpha 255 = opaque); canvases want CSS strings.
// Charts convert the same few colours per bar many times over, so strings are memoised.
import type { PineColor } from '../api/types.js';

const cache = new Map<number, string>();

export function cssColor(c: PineColor | undefined, fallback: string): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return fallback;
  let s = cache.get(c);
  if (s === undefined) {
    const v = c >>> 0;
    const a = (v & 0xff) / 255;
    s = `rgba(${v >>> 24},${(v >>> 16) & 0xff},${(v >>> 8) & 0xff},${Number(a.toFixed(3))})`;
    if (cache.size < 4096) cache.set(c, s);
  }
  return s;
}

/** The same colour with its alpha scaled (area fills under a line). */
export function withAlpha(c: PineColor | undefined, factor: number, fallback: string): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return fallback;
  const v = c >>> 0;
  const a = Math.round((v & 0xff) * factor);
  return cssColor(((v & 0xffffff00) | a) >>> 0, fallback);
}
