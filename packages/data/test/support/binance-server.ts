// A local HTTP server speaking the part of Binance's public REST API that OHLCV download uses
// (exchangeInfo, klines), with injectable faults. Candles are derived from real data: the BTC/USD
// hourly CryptoDataDownload file is replayed cyclically onto any requested time grid.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MARKET_DIR } from '../../../../test-support/shared.js';

export type Fault = 'timeout' | '429' | '500' | 'truncate' | null;

export interface KlineRequest {
  symbol: string;
  interval: string;
  startTime: number;
  endTime: number | null;
  limit: number;
}

export interface FakeBinance {
  url: string;
  requests: KlineRequest[];
  /** Decides a fault per klines request (index = position in `requests`, so clearing it restarts the count). */
  fault: (req: KlineRequest, index: number) => Fault;
  /** First candle time served (the "listing"). */
  listedAt: number;
  close(): Promise<void>;
  /** The candle the server serves at open time `t` for `interval`. */
  candle(t: number): [number, number, number, number, number];
}

const INTERVAL_MS: Record<string, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

function loadSource(): number[][] {
  const text = readFileSync(join(MARKET_DIR, 'btcusd_1h_2017-2019_coinbase_cdd.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(1, 6).map(Number));
}

const EXCHANGE_INFO = {
  timezone: 'UTC',
  serverTime: 0,
  rateLimits: [],
  exchangeFilters: [],
  symbols: [
    {
      symbol: 'BTCUSDT',
      status: 'TRADING',
      baseAsset: 'BTC',
      baseAssetPrecision: 8,
      quoteAsset: 'USDT',
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      orderTypes: ['LIMIT', 'MARKET'],
      icebergAllowed: true,
      ocoAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
        { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      ],
      permissions: ['SPOT'],
      permissionSets: [['SPOT']],
    },
  ],
};

export async function startFakeBinance(options: { listedAt?: number } = {}): Promise<FakeBinance> {
  const source = loadSource();
  const sockets = new Set<import('node:net').Socket>();
  const fake: FakeBinance = {
    url: '',
    requests: [],
    fault: () => null,
    listedAt: options.listedAt ?? Date.UTC(2017, 0, 1),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    candle(t: number) {
      const k = Math.floor(t / 3_600_000) % source.length;
      const r = source[k]!;
      return [r[0]!, r[1]!, r[2]!, r[3]!, r[4]!];
    },
  };

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/v3/exchangeInfo') return send(res, 200, { ...EXCHANGE_INFO, serverTime: Date.now() });
    if (url.pathname === '/api/v3/ping') return send(res, 200, {});
    if (url.pathname === '/api/v3/time') return send(res, 200, { serverTime: Date.now() });
    if (url.pathname !== '/api/v3/klines') return send(res, 404, { code: -1, msg: 'not found' });

    const interval = url.searchParams.get('interval') ?? '';
    const step = INTERVAL_MS[interval];
    if (!step) return send(res, 400, { code: -1120, msg: 'Invalid interval.' });
    const kreq: KlineRequest = {
      symbol: url.searchParams.get('symbol') ?? '',
      interval,
      startTime: Number(url.searchParams.get('startTime') ?? 0),
      endTime: url.searchParams.has('endTime') ? Number(url.searchParams.get('endTime')) : null,
      limit: Math.min(1000, Number(url.searchParams.get('limit') ?? 500)),
    };
    fake.requests.push(kreq);
    const fault = fake.fault(kreq, fake.requests.length - 1);
    if (fault === 'timeout') return; // never answers; the client's timeout fires
    if (fault === '429') return send(res, 429, { code: -1003, msg: 'Too many requests; current limit is 1200 request weight per 1 MINUTE.' });
    if (fault === '500') return send(res, 500, { code: -1000, msg: 'An unknown error occured while processing the request.' });
    if (kreq.symbol !== 'BTCUSDT') return send(res, 400, { code: -1121, msg: 'Invalid symbol.' });

    const now = Date.now();
    let t = Math.max(Math.ceil(kreq.startTime / step) * step, Math.ceil(fake.listedAt / step) * step);
    const end = Math.min(kreq.endTime ?? Infinity, now);
    const rows: unknown[][] = [];
    const max = fault === 'truncate' ? Math.max(1, Math.floor(kreq.limit / 3)) : kreq.limit;
    while (t <= end && rows.length < max) {
      const [o, h, l, c, v] = fake.candle(t);
      rows.push([t, o.toFixed(2), h.toFixed(2), l.toFixed(2), c.toFixed(2), v.toFixed(8), t + step - 1, '0', 1, '0', '0', '0']);
      t += step;
    }
    send(res, 200, rows);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
