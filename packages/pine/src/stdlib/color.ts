// color.* — colours are unsigned 32-bit 0xRRGGBBAA numbers (na = NaN). Pine transparency t (0–100)
// maps to alpha round(255·(1 − t/100)).
import type { StdlibFunction } from './types.js';

export function alphaFromTransp(t: number): number {
  const clamped = Math.min(100, Math.max(0, t));
  return Math.round(255 * (1 - clamped / 100));
}

export function transpFromAlpha(a: number): number {
  // Alpha keeps 256 levels, so report the whole-number transparency it was most likely made from.
  return Math.round((1 - a / 255) * 100);
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}

export function pack(r: number, g: number, b: number, a: number): number {
  return ((clampByte(r) << 24) | (clampByte(g) << 16) | (clampByte(b) << 8) | clampByte(a)) >>> 0;
}

export function hexColor(hex: string): number {
  const h = hex.replace('#', '');
  const rgb = parseInt(h.slice(0, 6), 16);
  const a = h.length >= 8 ? parseInt(h.slice(6, 8), 16) : 255;
  return ((rgb << 8) | a) >>> 0;
}

export function r(c: number): number {
  return c !== c ? NaN : (c >>> 24) & 0xff;
}
export function g(c: number): number {
  return c !== c ? NaN : (c >>> 16) & 0xff;
}
export function b(c: number): number {
  return c !== c ? NaN : (c >>> 8) & 0xff;
}
export function t(c: number): number {
  return c !== c ? NaN : transpFromAlpha(c & 0xff);
}

export function newColor(c: number, transp: number): number {
  if (c !== c) return NaN;
  if (transp !== transp) return c;
  return ((c & 0xffffff00) | alphaFromTransp(transp)) >>> 0;
}

export function rgb(red: number, green: number, blue: number, transp?: number): number {
  if (red !== red || green !== green || blue !== blue) return NaN;
  return pack(red, green, blue, alphaFromTransp(transp === undefined || transp !== transp ? 0 : transp));
}

/** Linear blend of the two colours' channels by where `value` sits in [bottom, top] (clamped). */
export function from_gradient(value: number, bottomValue: number, topValue: number, bottomColor: number, topColor: number): number {
  if (value !== value || bottomValue !== bottomValue || topValue !== topValue) return NaN;
  if (bottomColor !== bottomColor || topColor !== topColor) return NaN;
  const span = topValue - bottomValue;
  const k = span === 0 ? (value >= topValue ? 1 : 0) : Math.min(1, Math.max(0, (value - bottomValue) / span));
  const mix = (x: number, y: number): number => x + (y - x) * k;
  return pack(mix(r(bottomColor), r(topColor)), mix(g(bottomColor), g(topColor)), mix(b(bottomColor), b(topColor)), mix(bottomColor & 0xff, topColor & 0xff));
}

export const COLOR_FUNCTIONS: Record<string, StdlibFunction> = {
  'color.new': { impl: newColor },
  'color.rgb': { impl: rgb },
  'color.r': { impl: r },
  'color.g': { impl: g },
  'color.b': { impl: b },
  'color.t': { impl: t },
  'color.from_gradient': { impl: from_gradient },
};

/** The catalog's colour constants (TradingView's v6 palette). */
const PALETTE: Record<string, string> = {
  aqua: '#00BCD4',
  black: '#363A45',
  blue: '#2962FF',
  fuchsia: '#E040FB',
  gray: '#787B86',
  green: '#4CAF50',
  lime: '#00E676',
  maroon: '#880E4F',
  navy: '#311B92',
  olive: '#808000',
  orange: '#FF9800',
  purple: '#9C27B0',
  red: '#F23645',
  silver: '#B2B5BE',
  teal: '#089981',
  white: '#FFFFFF',
  yellow: '#FDD835',
};

export const COLOR_CONSTANTS: Record<string, number> = Object.fromEntries(
  Object.entries(PALETTE).map(([name, hex]) => [`color.${name}`, hexColor(hex)]),
);
