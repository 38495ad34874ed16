// The stdlib's built-in registries, as the code generator consumes them.
//
// CALLING CONVENTIONS
// * Keys are Pine names ('math.abs', 'array.push', 'str.format'). Where the catalog's overloads put
//   parameters in different positions, the overload is registered as '<name>#<k>' (k = overload
//   index in shared/docs/pine-v6-builtins.json): 'timestamp#0'…'#5', 'time#0'/'#1',
//   'time_close#0'/'#1'. Look up '<name>#<k>' first, then '<name>' (the plain key dispatches on the
//   runtime argument types, so it also works when the overload is unknown).
// * Arguments arrive positionally in the selected overload's parameter order; omitted optional
//   arguments are `undefined` and the implementation applies the default. Variadic functions
//   (str.format, log.*, math.max/min/avg, array.from) take their repeated arguments spread.
// * GENERIC CONSTRUCTORS: for `array.new<T>(size, initial)` and `matrix.new<T>(rows, cols, initial)`
//   the generator passes the element type name as an extra FIRST string argument
//   ('int' | 'float' | 'bool' | 'string' | 'color' | 'line' | … | a UDT/enum name):
//   'array.new'('float', 3, 0). `map.new<K, V>()` gets both names: 'map.new'('string', 'float').
//   These are also registered under the catalog's spelling ('array.new<type>', 'matrix.new<type>',
//   'map.new<type,type>').
// * array.from: the typed overloads are registered as 'array.from#7' (string), '#8' (color),
//   '#9' (int), '#10' (float), '#11' (bool), '#2'–'#6' (drawings); they tag the array with its element
//   type, which TradingView's printing depends on (`[1.0, 2.0]` for float vs `[1, 2]` for int).
//   Plain 'array.from' (overloads #0/#1: generic, enum) leaves the array untagged; untagged
//   numbers print as ints when integral. Arrays built outside the stdlib can be tagged with
//   tagArray(arr, 'float') (types.ts).
// * `needsContext: true` → the RuntimeContext is passed before the Pine arguments.
// * STDLIB_STATEFUL entries are instantiated once per written call site; call
//   `update(bar, ctx, ...args)` with the bar index as the stamp (same stamp = re-execution of that
//   bar, recomputed from the previous bar's committed state). These are: math.sum, math.random,
//   fixnan, timeframe.change. Exception: math.random draws a new number on every call (a call site
//   in a loop must not repeat itself), so a re-executed bar draws new numbers.
// * STDLIB_VARIABLES: `get(ctx)` reads ctx (current bar, syminfo, chart timeframe); none keep state.
// * STDLIB_CONSTANTS: plain values; representations are documented in constants.ts (e.g.
//   order.ascending = 'ascending', display.* bit flags, barmerge.* booleans, dayofweek.* 1..7).
// * Errors are thrown as PineRuntimeError with TradingView-like text ("Index 5 is out of bounds.
//   Array size is 3."); log.* write through ctx.log(level, message).
// * Values follow the runtime contract (docs/ARCHITECTURE.md): na number/colour = NaN, other na =
//   null, colours 0xRRGGBBAA, times Unix ms, matrices are PineMatrix (matrix.ts), arrays are JS
//   arrays tagged with their element type (types.ts) — `array.slice` returns a live view (Proxy).
import { ARRAY_FUNCTIONS } from './array.js';
import { COLOR_FUNCTIONS } from './color.js';
import { STDLIB_CONSTANT_VALUES } from './constants.js';
import { GLOBAL_FUNCTIONS, GLOBAL_STATEFUL } from './global.js';
import { LOG_FUNCTIONS } from './log.js';
import { MAP_FUNCTIONS } from './map.js';
import { MATH_FUNCTIONS, MATH_STATEFUL } from './math.js';
import { MATRIX_FUNCTIONS } from './matrix.js';
import { SESSION_VARIABLES } from './session.js';
import { FOOTPRINT_FUNCTIONS, QUOTE_VARIABLES, REQUEST_FUNCTIONS } from './request.js';
import { STR_FUNCTIONS } from './str.js';
import { SYMINFO_FUNCTIONS, SYMINFO_VARIABLES } from './syminfo.js';
import { TICKER_FUNCTIONS } from './ticker.js';
import { TIME_FUNCTIONS, TIME_VARIABLES } from './time.js';
import { TIMEFRAME_FUNCTIONS, TIMEFRAME_STATEFUL, TIMEFRAME_VARIABLES } from './timeframe.js';
import type { StdlibFunction, StdlibStateful, StdlibVariable } from './types.js';

export type { StatefulInstance, StdlibFunction, StdlibStateful, StdlibVariable } from './types.js';

export const STDLIB_FUNCTIONS: Record<string, StdlibFunction> = {
  ...GLOBAL_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...STR_FUNCTIONS,
  ...COLOR_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...MAP_FUNCTIONS,
  ...MATRIX_FUNCTIONS,
  ...TIMEFRAME_FUNCTIONS,
  ...SYMINFO_FUNCTIONS,
  ...LOG_FUNCTIONS,
  ...TICKER_FUNCTIONS,
  ...REQUEST_FUNCTIONS,
  ...FOOTPRINT_FUNCTIONS,
};

export const STDLIB_STATEFUL: Record<string, StdlibStateful> = {
  ...GLOBAL_STATEFUL,
  ...MATH_STATEFUL,
  ...TIMEFRAME_STATEFUL,
};

export const STDLIB_VARIABLES: Record<string, StdlibVariable> = {
  ...TIME_VARIABLES,
  ...TIMEFRAME_VARIABLES,
  ...SESSION_VARIABLES,
  ...SYMINFO_VARIABLES,
  ...QUOTE_VARIABLES,
};

export const STDLIB_CONSTANTS: Record<string, unknown> = STDLIB_CONSTANT_VALUES;
