// The `security` run option (bars per symbol) as a request.security DataProvider: each entry is
// registered under its symbol at its own timeframe (syminfo.period, else the bar spacing), so the
// engine serves that timeframe exactly and aggregates it for coarser requests.
import { InMemoryDataProvider } from '../security/provider.js';
import { normalizeTimeframe } from '../stdlib/timeframe.js';
import type { SecurityData } from './security.js';
import { detectBarSpacing, timeframeFromMs } from './timeframe.js';

export function securityProvider(data: Readonly<Record<string, SecurityData>>): InMemoryDataProvider {
  const provider = new InMemoryDataProvider();
  for (const [symbol, d] of Object.entries(data)) {
    const tf = d.syminfo.period || timeframeFromMs(detectBarSpacing(d.bars.time)) || 'D';
    const timeframe = normalizeTimeframe(tf);
    provider.add(symbol, timeframe, { bars: d.bars, syminfo: { ...d.syminfo, period: timeframe } });
  }
  return provider;
}
