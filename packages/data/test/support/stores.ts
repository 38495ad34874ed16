// Store factories for tests: a DuckDB file in a fresh temp dir, and a PostgreSQL schema unique to
// this test run on the local server (PINEBACK_TEST_DATABASE_URL, default the local trust-auth
// server), dropped again on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbBarStore } from '../../src/store/duckdb-store.js';
import { PostgresBarStore } from '../../src/store/postgres-store.js';
import type { BarStore } from '../../src/store/types.js';

export const PG_URL = process.env.PINEBACK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore {
  store: BarStore;
  /** Closes the store and removes everything it created. */
  dispose(): Promise<void>;
}

let counter = 0;

export async function openTestStore(kind: 'duckdb' | 'postgres'): Promise<TestStore> {
  if (kind === 'duckdb') {
    const dir = mkdtempSync(join(tmpdir(), 'pineback-data-'));
    const store = await DuckDbBarStore.open({ path: join(dir, 'test.duckdb') });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `pineback_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const store = await PostgresBarStore.open({ url: PG_URL, schema });
  return {
    store,
    dispose: async () => {
      await store.close();
      await PostgresBarStore.dropSchema(PG_URL, schema);
    },
  };
}

export const STORE_KINDS = ['duckdb', 'postgres'] as const;
