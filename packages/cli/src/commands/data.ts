// `pineback data …`: import files, download from exchanges (only what is missing), list stored
// series and show coverage gaps. The store is chosen by --store / --database-url, else by
// PINEBACK_STORE / PINEBACK_DATABASE_URL, else by [data] in $PINEBACK_HOME/config.toml, else the
// embedded DuckDB file. @pineback/data is imported lazily so other commands do not load DuckDB/ccxt.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { parse as parseToml } from 'smol-toml';

type DataPackage = typeof import('@pineback/data');
type BarStore = import('@pineback/data').BarStore;
type StoreConfig = import('@pineback/data').StoreConfig;

export interface StoreFlags {
  store?: string;
  databaseUrl?: string;
  schema?: string;
}

const loadData = (): Promise<DataPackage> => import('@pineback/data');

function parseStoreKind(v: string): string {
  if (v !== 'duckdb' && v !== 'postgres') throw new InvalidArgumentError('expected duckdb or postgres');
  return v;
}

/** [data] store / database_url / database_schema from $PINEBACK_HOME/config.toml, when present. */
function configFile(home: string): StoreConfig {
  const path = join(home, 'config.toml');
  if (!existsSync(path)) return {};
  const doc = parseToml(readFileSync(path, 'utf8')) as { data?: Record<string, unknown> };
  const d = doc.data ?? {};
  const out: StoreConfig = {};
  if (d.store === 'duckdb' || d.store === 'postgres') out.kind = d.store;
  if (typeof d.database_url === 'string') out.url = d.database_url;
  if (typeof d.database_schema === 'string') out.schema = d.database_schema;
  return out;
}

export async function withStore<T>(flags: StoreFlags, fn: (store: BarStore, data: DataPackage) => Promise<T>): Promise<T> {
  const data = await loadData();
  const env = process.env;
  const file = configFile(data.pinebackHome(env));
  const config: StoreConfig = {
    kind: (flags.store as StoreConfig['kind']) ?? (env.PINEBACK_STORE as StoreConfig['kind']) ?? file.kind,
    url: flags.databaseUrl ?? env.PINEBACK_DATABASE_URL ?? file.url,
    schema: flags.schema ?? env.PINEBACK_DATABASE_SCHEMA ?? file.schema,
  };
  const store = await data.openStore(config, env);
  try {
    if (store.kind === 'duckdb') await data.ensureDemoData(store);
    return await fn(store, data);
  } finally {
    await store.close();
  }
}

function bar(label: string): { update(fraction: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const b = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}%`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  b.start(100, 0);
  return { update: (f) => b.update(Math.round(f * 100)), stop: () => b.stop() };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

async function parseDate(text: string, what: string): Promise<number> {
  const { makeTimeParser } = await loadData();
  const t = makeTimeParser('Etc/UTC')(text);
  if (!Number.isFinite(t)) throw new InvalidArgumentError(`${what}: cannot read date "${text}" (use YYYY-MM-DD or ISO-8601)`);
  return t;
}

function addStoreOptions(cmd: Command): Command {
  return cmd
    .option('--store <kind>', 'duckdb (embedded, default) or postgres', parseStoreKind)
    .option('--database-url <url>', 'PostgreSQL URL (else PINEBACK_DATABASE_URL)')
    .option('--schema <name>', 'PostgreSQL schema (default public)');
}

export function registerData(program: Command): void {
  const data = program.command('data').description('Market data: import, download, list, gaps');

  addStoreOptions(
    data
      .command('import <file>')
      .description('Import a CSV (.csv, .csv.gz) or Parquet file of OHLCV bars (re-importing is harmless)')
      .requiredOption('--symbol <EXCHANGE:TICKER>', 'symbol to store the bars under')
      .option('--timeframe <tf>', 'Pine timeframe (default: inferred from the bar spacing)')
      .option('--tz <zone>', 'IANA time zone of timestamps without an offset (default: the symbol\'s, else UTC)'),
  ).action(async (file: string, opts: StoreFlags & { symbol: string; timeframe?: string; tz?: string }) => {
    await withStore(opts, async (store, d) => {
      const progress = bar('import');
      try {
        const r = await d.importFile(store, file, {
          symbol: opts.symbol,
          timeframe: opts.timeframe,
          timezone: opts.tz,
          onProgress: (p) => progress.update(p.phase === 'parse' ? p.fraction * 0.6 : 0.6 + p.fraction * 0.4),
        });
        progress.stop();
        process.stdout.write(
          `imported ${r.bars} bars (${r.rows} rows) into ${r.symbol} ${r.timeframe}: ${iso(r.first)} → ${iso(r.last)} [${store.kind}]\n`,
        );
      } finally {
        progress.stop();
      }
    });
  });

  addStoreOptions(
    data
      .command('fetch <symbol>')
      .description('Download bars from an exchange via ccxt, fetching only ranges not stored yet')
      .requiredOption('--timeframe <tf>', 'Pine timeframe, e.g. 1, 60, 240, D')
      .requiredOption('--from <date>', 'start (inclusive), YYYY-MM-DD or ISO-8601 (UTC unless an offset is given)')
      .option('--to <date>', 'end (exclusive); default now')
      .option('--exchange <id>', 'ccxt exchange id (default: the symbol\'s prefix, e.g. BINANCE → binance)')
      .option('--api-url <url>', 'override the exchange API host (testing, proxies)'),
  ).action(async (symbol: string, opts: StoreFlags & { timeframe: string; from: string; to?: string; exchange?: string; apiUrl?: string }) => {
    const from = await parseDate(opts.from, '--from');
    const to = opts.to ? await parseDate(opts.to, '--to') : Date.now();
    await withStore(opts, async (store, d) => {
      const id = d.parseSymbolId(symbol);
      const exchange = d.createExchange(opts.exchange ?? id.exchange, { apiBaseUrl: opts.apiUrl });
      const progress = bar('fetch');
      try {
        const r = await d.fillGaps(store, exchange, {
          symbol,
          timeframe: opts.timeframe,
          from,
          to,
          onProgress: (p) => progress.update(Math.min(1, (p.cursor - from) / Math.max(1, to - from))),
          retry: { onRetry: (err, attempt, ms) => process.stderr.write(`retry ${attempt} in ${ms} ms: ${(err as Error).message.slice(0, 120)}\n`) },
        });
        progress.stop();
        if (r.gaps.length === 0) process.stdout.write(`${r.symbol} ${r.timeframe}: already complete for the requested range\n`);
        else {
          process.stdout.write(
            `${r.symbol} ${r.timeframe}: filled ${r.gaps.length} gap(s) with ${r.barsStored} bars in ${r.requests} request(s) [${store.kind}]\n`,
          );
        }
      } finally {
        progress.stop();
      }
    });
  });

  addStoreOptions(data.command('list').description('List stored series')).action(async (opts: StoreFlags) => {
    await withStore(opts, async (store) => {
      const series = await store.listSeries();
      if (series.length === 0) {
        process.stdout.write('no data stored\n');
        return;
      }
      const rows = series.map((s) => [s.symbol, s.timeframe, String(s.bars), iso(s.first), iso(s.last)]);
      const head = ['SYMBOL', 'TF', 'BARS', 'FIRST', 'LAST'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const r of [head, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
    });
  });

  addStoreOptions(
    data
      .command('gaps <symbol>')
      .description('Show loaded ranges and the gaps between them (or within --from/--to)')
      .requiredOption('--timeframe <tf>', 'Pine timeframe')
      .option('--from <date>', 'start of the range to check')
      .option('--to <date>', 'end of the range to check'),
  ).action(async (symbol: string, opts: StoreFlags & { timeframe: string; from?: string; to?: string }) => {
    await withStore(opts, async (store, d) => {
      const ranges = await store.getRanges(symbol, opts.timeframe);
      for (const r of ranges) process.stdout.write(`loaded  ${iso(r.from)} → ${iso(r.to)}\n`);
      if (ranges.length === 0 && !opts.from) {
        process.stdout.write(`nothing loaded for ${symbol} ${d.normalizeTimeframe(opts.timeframe)}\n`);
        return;
      }
      const from = opts.from ? await parseDate(opts.from, '--from') : ranges[0]!.from;
      const to = opts.to ? await parseDate(opts.to, '--to') : ranges.length ? ranges[ranges.length - 1]!.to : Date.now();
      const gaps = d.subtractRanges({ from, to }, ranges);
      for (const g of gaps) process.stdout.write(`missing ${iso(g.from)} → ${iso(g.to)}\n`);
      if (gaps.length === 0) process.stdout.write(`no gaps between ${iso(from)} and ${iso(to)}\n`);
    });
  });
}
