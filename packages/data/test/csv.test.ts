// CSV parsing: every layout in the shared market data and the TradingView fixtures, time formats,
// time zones, and error messages that name the line.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKET_DIR, TV_DIR } from '../../../test-support/shared.js';
import { parseOhlcvCsv, CsvFormatError } from '../src/csv/parse-csv.js';
import { parseNumberAt } from '../src/csv/number.js';
import { makeTimeParser } from '../src/csv/timestamp.js';
import { inferTimeframe } from '../src/timeframe.js';

const utc = makeTimeParser();

describe('time parsing', () => {
  it('reads unix seconds, milliseconds, microseconds and nanoseconds', () => {
    expect(utc('1672639200')).toBe(1672639200000);
    expect(utc('1672639200000')).toBe(1672639200000);
    expect(utc('1672639200000000')).toBe(1672639200000);
    expect(utc('1672639200000000000')).toBe(1672639200000);
    expect(utc('1672639200.5')).toBe(1672639200500);
  });

  it('reads ISO-8601 with offsets in every spelling', () => {
    const t = Date.UTC(2024, 10, 4, 0, 0);
    expect(utc('2024-11-04T01:00:00+01:00')).toBe(t);
    expect(utc('2024-11-04T01:00:00+0100')).toBe(t);
    expect(utc('2024-11-04T01:00:00+01')).toBe(t);
    expect(utc('2024-11-03T19:00:00-05:00')).toBe(t);
    expect(utc('2024-11-04T00:00:00Z')).toBe(t);
    expect(utc('2024-11-04 00:00:00 UTC')).toBe(t);
    expect(utc('2024-11-04T00:00:00.250Z')).toBe(t + 250);
    expect(utc('2022-01-02T19:00:00-0500')).toBe(Date.parse('2022-01-02T19:00:00-05:00'));
  });

  it('reads plain dates and naive times in the given zone', () => {
    expect(utc('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(utc('2024/01/02 09:30')).toBe(Date.UTC(2024, 0, 2, 9, 30));
    expect(utc('01/02/2024 09:30:15')).toBe(Date.UTC(2024, 0, 2, 9, 30, 15));
    const ny = makeTimeParser('America/New_York');
    expect(ny('2024-01-02 09:30')).toBe(Date.UTC(2024, 0, 2, 14, 30)); // EST
    expect(ny('2024-07-02 09:30')).toBe(Date.UTC(2024, 6, 2, 13, 30)); // EDT
    expect(ny('2024-07-02')).toBe(Date.UTC(2024, 6, 2, 4, 0));
    // An explicit offset wins over the zone argument.
    expect(ny('2024-07-02T09:30:00Z')).toBe(Date.UTC(2024, 6, 2, 9, 30));
  });

  it('rejects malformed times and unknown zones', () => {
    for (const bad of ['2024-13-01', '2024-02-30', '2024-01-01X10:00', '2024-01-01T10:00+5', 'yesterday', '']) {
      expect(utc(bad), bad).toBeNaN();
    }
    expect(() => makeTimeParser('Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('number parsing', () => {
  it('equals Number() on decimals and falls back for exotic forms', () => {
    for (const s of ['0', '1.06994', '-3.5', '98852.44', '0.000001', '1e+100', '123456789012345678', 'NaN', '.5', '7.']) {
      expect(Object.is(parseNumberAt(s, 0, s.length), Number(s)), s).toBe(true);
    }
    expect(parseNumberAt('abc', 0, 3)).toBeNaN();
    expect(parseNumberAt('', 0, 0)).toBeNaN();
    expect(parseNumberAt('.', 0, 1)).toBeNaN();
  });
});

describe('CSV layouts in the reference data', () => {
  const market = readdirSync(MARKET_DIR).filter((f) => f.endsWith('.csv'));
  it.each(market)('market/%s parses completely and ascending', (file) => {
    const text = readFileSync(join(MARKET_DIR, file), 'utf8');
    const dataLines = text.trim().split('\n').length - 1;
    const tz = file.startsWith('fesx') ? 'Europe/Berlin' : undefined;
    const { bars, rows, hasHeader } = parseOhlcvCsv(text, { fileName: file, timezone: tz });
    expect(hasHeader).toBe(true);
    expect(rows).toBe(dataLines);
    for (let i = 1; i < bars.length; i++) if (!(bars.time[i]! > bars.time[i - 1]!)) throw new Error(`${file}: not ascending at ${i}`);
    expect(Number.isFinite(bars.close[bars.length - 1]!)).toBe(true);
  });

  it('maps the columns of each layout correctly', () => {
    const first = (file: string, tz?: string) =>
      parseOhlcvCsv(readFileSync(join(MARKET_DIR, file), 'utf8'), { fileName: file, timezone: tz }).bars;
    const spy = first('spy_1h_1998-2021_lean.csv');
    expect([spy.time[0], spy.open[0], spy.high[0], spy.low[0], spy.close[0], spy.volume[0]]).toEqual([
      Date.UTC(1998, 0, 2, 14, 30), 97.31, 97.53, 97.03, 97.03, 384500,
    ]);
    // Capitalised Yahoo layout with "Adj Close" between Close and Volume.
    const aapl = first('aapl_1d_2013-2018_observablehq.csv');
    expect([aapl.time[0], aapl.close[0], aapl.volume[0]]).toEqual([Date.UTC(2013, 4, 13), 64.96286, 79237200]);
    // OANDA quotes: bid_* columns, no volume.
    const eur = first('eurusd_1h_2007-2018_oanda_lean.csv');
    expect([eur.open[0], eur.close[0]]).toEqual([1.31927, 1.31935]);
    expect(eur.volume[0]).toBeNaN();
    // CryptoDataDownload: base volume preferred over volume_usd.
    expect(first('btcusd_1d_2014-2019_coinbase_cdd.csv').volume[0]).toBe(0.05656);
    // FTX: only a volume_usd column.
    expect(first('btc-perp_1m_2022-01_ftx_nautilus.csv').volume[0]).toBe(2300413.7295);
    // Naive local timestamps take the --tz zone.
    expect(first('fesx_1m_2006-01-02_backtrader.csv', 'Europe/Berlin').time[0]).toBe(Date.UTC(2006, 0, 2, 8, 1));
  });

  const tvFiles = [
    'indicators/data/bb.csv',
    'indicators/data/pivot.csv',
    'base/data/time.csv',
    'base/data/timeframe.csv',
    'strategies/ohlcv/EURUSD_60_2022-01-02_2025-09-12.csv',
    'strategies/ohlcv/BINANCE_BTCUSDT_60_bar_magnifier.csv',
    'security/data/advance_decline_ratio.csv',
  ];
  it.each(tvFiles)('tradingview/%s (quoted headers, plot columns, unix seconds or ISO offsets)', (rel) => {
    const text = readFileSync(join(TV_DIR, rel), 'utf8');
    const { bars, rows } = parseOhlcvCsv(text, { fileName: rel });
    expect(rows).toBe(text.trim().split('\n').length - 1);
    expect(bars.length).toBe(rows);
    const firstLine = text.split('\n')[1]!.split(',');
    expect(bars.open[0]).toBe(Number(firstLine[1]));
    expect(bars.close[0]).toBe(Number(firstLine[4]));
  });

  it('takes Volume wherever it sits among plot columns', () => {
    const { bars } = parseOhlcvCsv(readFileSync(join(TV_DIR, 'indicators/data/bb.csv'), 'utf8'));
    expect(bars.volume[0]).toBe(100);
    expect(bars.time[0]).toBe(1672639200000);
  });

  it('infers timeframes from spacing', () => {
    const tf = (file: string) =>
      inferTimeframe(parseOhlcvCsv(readFileSync(join(MARKET_DIR, file), 'utf8')).bars.time);
    expect(tf('spy_1d_1998-2021_lean.csv')).toBe('D');
    expect(tf('spy_1h_1998-2021_lean.csv')).toBe('60');
    expect(tf('spy_1m_2013-10_lean.csv')).toBe('1');
    expect(tf('spy_1s_2013-10-07_11_lean.csv')).toBe('1S');
  });
});

describe('other layouts', () => {
  it('headerless files, semicolons, CRLF, blank lines, split Date/Time columns', () => {
    expect(parseOhlcvCsv('1704067200,1,2,0.5,1.5,10\n1704070800,1.5,2,1,1.2\n').bars.volume[1]).toBeNaN();
    const semi = parseOhlcvCsv('Date;Open;High;Low;Close;Volume\r\n2024-01-02;1;2;0.5;1.5;7\r\n\r\n2024-01-03;1;2;0.5;1.5;8\r\n');
    expect(semi.rows).toBe(2);
    expect(semi.bars.time[1]).toBe(Date.UTC(2024, 0, 3));
    const split = parseOhlcvCsv('DATE,TIME,OPEN,HIGH,LOW,CLOSE,VOL\n2024-01-02,09:30,1,2,0.5,1.5,7\n2024-01-02,09:31:00,1,2,0.5,1.5,8\n', {
      timezone: 'America/New_York',
    });
    expect(Array.from(split.bars.time)).toEqual([Date.UTC(2024, 0, 2, 14, 30), Date.UTC(2024, 0, 2, 14, 31)]);
  });
});

describe('errors name the line', () => {
  const header = 'time,open,high,low,close,volume\n';
  const good = '2024-01-02T00:00:00Z,1,2,0.5,1.5,10\n';
  const cases: [string, string, RegExp][] = [
    ['bad time', header + good + good + 'not-a-date,1,2,0.5,1.5,10\n', /^f\.csv:4: cannot parse time "not-a-date"$/],
    ['bad price', header + good + '2024-01-03,1,2,abc,1.5,10\n', /^f\.csv:3: invalid low price "abc" \(column 4\)$/],
    ['empty price', header + '2024-01-03,1,,0.5,1.5,10\n', /^f\.csv:2: invalid high price "" \(column 3\)$/],
    ['short row', header + good + '\n2024-01-03,1,2\n', /^f\.csv:4: expected at least 5 fields, found 3$/],
    ['bad volume', header + '2024-01-03,1,2,0.5,1.5,lots\n', /^f\.csv:2: invalid volume "lots"$/],
    ['bad header', 'when,o_p,h_p\n1,2,3\n', /^f\.csv:1: header "when,o_p,h_p" lacks a time\/open\/high\/low\/close column/],
    ['empty', '\n\n', /^f\.csv:2: file is empty$/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    let caught: unknown;
    try {
      parseOhlcvCsv(text, { fileName: 'f.csv' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CsvFormatError);
    expect((caught as Error).message).toMatch(message);
  });
});
