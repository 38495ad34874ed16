// Choosing and opening a store from options and the environment:
//   PINEBACK_STORE=duckdb|postgres, PINEBACK_HOME (default ~/.pineback, DuckDB file data.duckdb),
//   PINEBACK_DATABASE_URL (PostgreSQL), PINEBACK_DATABASE_SCHEMA (default public).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DuckDbBarStore } from './duckdb-store.js';
import { PostgresBarStore } from './postgres-store.js';
import type { BarStore } from './types.js';

export type StoreKind = 'duckdb' | 'postgres';

export interface StoreConfig {
  kind?: StoreKind;
  /** DuckDB file; default $PINEBACK_HOME/data.duckdb. */
  path?: string;
  /** PostgreSQL connection URL. */
  url?: string;
  schema?: string;
}

export function pinebackHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.PINEBACK_HOME && env.PINEBACK_HOME !== '' ? env.PINEBACK_HOME : join(homedir(), '.pineback');
}

/** Fills unset fields from the environment. */
export function resolveStoreConfig(config: StoreConfig = {}, env: NodeJS.ProcessEnv = process.env): Required<Pick<StoreConfig, 'kind'>> & StoreConfig {
  const url = config.url ?? env.PINEBACK_DATABASE_URL;
  const envKind = env.PINEBACK_STORE as StoreKind | undefined;
  const kind: StoreKind = config.kind ?? envKind ?? 'duckdb';
  if (kind !== 'duckdb' && kind !== 'postgres') throw new Error(`unknown store "${String(kind)}" (duckdb or postgres)`);
  return {
    kind,
    path: config.path ?? join(pinebackHome(env), 'data.duckdb'),
    url,
    schema: config.schema ?? env.PINEBACK_DATABASE_SCHEMA,
  };
}

export async function openStore(config: StoreConfig = {}, env: NodeJS.ProcessEnv = process.env): Promise<BarStore> {
  const c = resolveStoreConfig(config, env);
  if (c.kind === 'postgres') {
    if (!c.url) throw new Error('the postgres store needs a URL: set PINEBACK_DATABASE_URL or pass one');
    return PostgresBarStore.open({ url: c.url, schema: c.schema });
  }
  return DuckDbBarStore.open({ path: c.path! });
}
