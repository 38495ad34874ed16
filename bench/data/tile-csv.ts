// Builds a large DERIVED benchmark CSV by tiling real bars: copies of the source series are laid
// end to end, each shifted in time by the source's span and with prices rescaled by the last/first
// close ratio so the series stays continuous. Timestamps are written in the source's style
// (ISO-8601 with the exchange's UTC offset). The output is labelled derived in its file name.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseOhlcvCsv } from '../../packages/data/src/csv/parse-csv.js';
import { zoneOffsetMs } from '../../packages/data/src/timezone.js';

function isoWithOffset(utcMs: number, zone: string): string {
  const off = zoneOffsetMs(zone, utcMs);
  const local = new Date(utcMs + off).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off) / 60_000;
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export async function tileCsv(source: string, target: string, rows: number, zone: string): Promise<void> {
  const { bars } = parseOhlcvCsv(readFileSync(source, 'utf8'), { fileName: source });
  const n = bars.length;
  const span = bars.time[n - 1]! - bars.time[0]! + (bars.time[1]! - bars.time[0]!);
  const ratio = bars.close[n - 1]! / bars.open[0]!;
  const out = createWriteStream(target);
  out.write('time,open,high,low,close,volume\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const copy = Math.floor(i / n);
    const k = i % n;
    const scale = ratio ** copy;
    const p = (x: number): string => String(Math.round(x * scale * 1e4) / 1e4);
    buf += `${isoWithOffset(bars.time[k]! + copy * span, zone)},${p(bars.open[k]!)},${p(bars.high[k]!)},${p(bars.low[k]!)},${p(bars.close[k]!)},${bars.volume[k]!}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}
