// `pineback run --security SYMBOL=BARS.csv [--security-syminfo SYMBOL=SYM.toml]`: the bars request.security
// may ask for, as a DataProvider. A symbol may be given several times (one file per timeframe, e.g. the
// chart's own symbol as 1D and 1W bars); each file serves its own timeframe exactly and coarser ones by
// aggregation. Without --security-syminfo, the chart's own symbol inherits the chart's symbol info
// (sessions, time zone) and any other symbol gets the 24/7 defaults. Daily/weekly/monthly files with
// date-only times are relabelled to the session open of that date in the symbol's time zone (the engine
// needs an instant inside the trading day: UTC midnight is the previous New York day).
import { InMemoryDataProvider, type BarColumns, type SymbolInfo } from '@pineback/pine';
import { dataTimeframe, readBarsCsv } from './bars-file.js';
import { defaultSyminfo } from './syminfo-file.js';

export interface SecurityFile {
  symbol: string;
  file: string;
}

function namesChart(symbol: string, chart: SymbolInfo): boolean {
  const s = symbol.trim().toUpperCase();
  const ticker = chart.ticker.toUpperCase();
  return s === ticker || s === `${chart.prefix.toUpperCase()}:${ticker}`;
}

function offsetMs(format: Intl.DateTimeFormat, t: number): number {
  const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
}

/** Date-only D/W/M labels (UTC midnight) → that date's session open in the symbol's time zone. */
function labelInsideTradingDay(bars: BarColumns, tf: string, syminfo: SymbolInfo): BarColumns {
  if (!/[DWM]$/.test(tf) || !Array.from(bars.time).every((t) => t % 86_400_000 === 0)) return bars;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: syminfo.timezone || 'UTC', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    return bars;
  }
  const time = Float64Array.from(bars.time, (t) => {
    const weekday = (new Date(t).getUTCDay() + 6) % 7; // 0 = Monday, as in the symbol files
    const open = (syminfo.openingHours.find((h) => h.day === weekday) ?? syminfo.openingHours[0])?.start ?? '00:00:00';
    const [h, m, sec] = open.split(':').map(Number);
    const wall = t + ((h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0)) * 1000;
    return wall - offsetMs(format, wall - offsetMs(format, wall));
  });
  return { ...bars, time };
}

export function securityProvider(
  files: readonly SecurityFile[],
  syminfoFiles: Readonly<Record<string, string>>,
  chart: SymbolInfo,
  loadSyminfo: (path: string, period: string) => SymbolInfo,
): InMemoryDataProvider {
  const provider = new InMemoryDataProvider();
  for (const { symbol, file } of files) {
    const bars = readBarsCsv(file);
    const tf = dataTimeframe(bars);
    const [prefix, ticker] = symbol.includes(':') ? symbol.split(':', 2) : ['', symbol];
    let syminfo: SymbolInfo;
    if (syminfoFiles[symbol]) syminfo = { ...loadSyminfo(syminfoFiles[symbol]!, tf), period: tf };
    else if (namesChart(symbol, chart)) syminfo = { ...chart, period: tf };
    else syminfo = { ...defaultSyminfo(tf), prefix: prefix!, ticker: ticker! };
    provider.add(symbol, tf, { bars: labelInsideTradingDay(bars, tf, syminfo), syminfo });
  }
  return provider;
}
