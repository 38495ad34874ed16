// The template gallery, in display order.
import { barUpDownTemplate } from './bar-updown.js';
import { bollingerTemplate } from './bollinger.js';
import { channelBreakoutTemplate } from './channel-breakout.js';
import { donchianTemplate } from './donchian.js';
import { ichimokuTemplate } from './ichimoku.js';
import { keltnerTemplate } from './keltner.js';
import { maCrossTemplate } from './ma-cross.js';
import { macdTemplate } from './macd.js';
import { momentumTemplate } from './momentum.js';
import { rsiTemplate } from './rsi.js';
import { stochasticTemplate } from './stochastic.js';
import { supertrendTemplate } from './supertrend.js';
import type { StrategyTemplate } from './types.js';
import { vwapTemplate } from './vwap.js';

export type { StrategyTemplate } from './types.js';

export const TEMPLATES: readonly StrategyTemplate[] = [
  maCrossTemplate, macdTemplate, rsiTemplate, bollingerTemplate, supertrendTemplate, keltnerTemplate,
  channelBreakoutTemplate, barUpDownTemplate, donchianTemplate, stochasticTemplate, vwapTemplate, ichimokuTemplate,
  momentumTemplate,
];

export function templateById(id: string): StrategyTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
