// Whether the compiler and the data package are usable, with the reason when not. Reported by
// GET /api/health so clients (and tests) know which features are live.
import { redactSecrets } from '../logging.js';
import { createPineEngine } from './pine-adapter.js';
import type { MarketData, ScriptEngine } from './types.js';

export interface EngineStatus {
  compiler: { available: boolean; reason: string | null };
  data: { available: boolean; reason: string | null };
}

export async function engineStatus(engine: ScriptEngine = createPineEngine(), market?: MarketData): Promise<EngineStatus> {
  const check = async (fn: () => Promise<unknown>): Promise<{ available: boolean; reason: string | null }> => {
    try {
      await fn();
      return { available: true, reason: null };
    } catch (err) {
      return { available: false, reason: redactSecrets(err instanceof Error ? err.message : String(err)) };
    }
  };
  return {
    compiler: await check(() => engine.validateScript('//@version=6\nindicator("probe")\n')),
    data: market ? await check(() => market.listSymbols()) : { available: false, reason: 'no market data configured' },
  };
}
