// log.info / log.warning / log.error and runtime.error.
import type { LogLevel, RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import { messageFormat } from './str-format.js';
import type { StdlibFunction } from './types.js';
import { valueToString } from './value-format.js';

/** With arguments the message is a str.format pattern; a lone message is printed as written. */
export function logMessage(ctx: RuntimeContext, formatString: unknown, args: readonly unknown[]): string {
  if (args.length === 0) return valueToString(formatString);
  return messageFormat(formatString === null || formatString === undefined ? '' : String(formatString), args, ctx.syminfo.timezone);
}

function logger(level: LogLevel): StdlibFunction {
  return {
    impl: (ctx: RuntimeContext, formatString: unknown, ...args: unknown[]) => {
      ctx.log(level, logMessage(ctx, formatString, args));
    },
    needsContext: true,
  };
}

export const LOG_FUNCTIONS: Record<string, StdlibFunction> = {
  'log.info': logger('info'),
  'log.warning': logger('warning'),
  'log.error': logger('error'),
  'runtime.error': {
    impl: (message: string | null) => {
      throw new PineRuntimeError(message ?? '');
    },
  },
};
