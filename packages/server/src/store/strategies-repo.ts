// Strategies are named and versioned: every edit appends a version, (name, version) is unique,
// and a strategy's versions stay readable so backtests can point at the exact source they ran.
import { randomUUID } from 'node:crypto';
import type { Diagnostic, InputSpec } from '../engine/types.js';
import { fromJson, toJson, type Row, type SqlDb } from './sql.js';

export interface StrategyVersion {
  strategyId: string;
  name: string;
  version: number;
  source: string;
  /** Null when the compiler was not available to extract them. */
  inputs: InputSpec[] | null;
  diagnostics: Diagnostic[] | null;
  createdAt: number;
}

export interface StrategySummary {
  id: string;
  name: string;
  latestVersion: number;
  createdAt: number;
  updatedAt: number;
}

export class NameTakenError extends Error {
  constructor(name: string) {
    super(`a strategy named "${name}" already exists`);
    this.name = 'NameTakenError';
  }
}

export class StrategiesRepo {
  constructor(private readonly db: SqlDb) {}

  async create(name: string, source: string, inputs: InputSpec[] | null, diagnostics: Diagnostic[] | null): Promise<StrategyVersion> {
    const id = randomUUID();
    const now = Date.now();
    return this.db.transaction(async (tx) => {
      const taken = await tx.query('SELECT id FROM strategies WHERE name = $1', [name]);
      if (taken.length) throw new NameTakenError(name);
      await tx.query('INSERT INTO strategies (id, name, latest_version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3)', [id, name, now]);
      await tx.query(
        'INSERT INTO strategy_versions (strategy_id, name, version, source, inputs, diagnostics, created_at) VALUES ($1, $2, 1, $3, $4, $5, $6)',
        [id, name, source, toJson(inputs), toJson(diagnostics), now],
      );
      return { strategyId: id, name, version: 1, source, inputs, diagnostics, createdAt: now };
    });
  }

  /** Appends a version; null when the strategy does not exist. */
  async addVersion(id: string, source: string, inputs: InputSpec[] | null, diagnostics: Diagnostic[] | null): Promise<StrategyVersion | null> {
    const now = Date.now();
    return this.db.transaction(async (tx) => {
      const cur = await tx.query<{ name: string; latest_version: number }>('SELECT name, latest_version FROM strategies WHERE id = $1', [id]);
      if (!cur[0]) return null;
      const version = Number(cur[0].latest_version) + 1;
      const name = String(cur[0].name);
      await tx.query(
        'INSERT INTO strategy_versions (strategy_id, name, version, source, inputs, diagnostics, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, name, version, source, toJson(inputs), toJson(diagnostics), now],
      );
      await tx.query('UPDATE strategies SET latest_version = $2, updated_at = $3 WHERE id = $1', [id, version, now]);
      return { strategyId: id, name, version, source, inputs, diagnostics, createdAt: now };
    });
  }

  async list(limit: number, offset: number, nameContains?: string): Promise<{ items: StrategySummary[]; total: number }> {
    const params: (string | number)[] = [];
    const w = nameContains ? `WHERE lower(name) LIKE $${params.push(`%${nameContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'` : '';
    const total = await this.db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM strategies ${w}`, params);
    const rows = await this.db.query(
      `SELECT * FROM strategies ${w} ORDER BY updated_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: rows.map(toSummary), total: Number(total[0]?.n ?? 0) };
  }

  async get(id: string): Promise<StrategySummary | null> {
    const rows = await this.db.query('SELECT * FROM strategies WHERE id = $1', [id]);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** A version of a strategy; the latest when `version` is omitted. */
  async version(id: string, version?: number): Promise<StrategyVersion | null> {
    const rows =
      version === undefined
        ? await this.db.query(
            'SELECT v.* FROM strategy_versions v JOIN strategies s ON s.id = v.strategy_id AND s.latest_version = v.version WHERE s.id = $1',
            [id],
          )
        : await this.db.query('SELECT * FROM strategy_versions WHERE strategy_id = $1 AND version = $2', [id, version]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async versions(id: string): Promise<Omit<StrategyVersion, 'source' | 'inputs' | 'diagnostics'>[]> {
    const rows = await this.db.query('SELECT strategy_id, name, version, created_at FROM strategy_versions WHERE strategy_id = $1 ORDER BY version', [id]);
    return rows.map((r) => ({ strategyId: String(r.strategy_id), name: String(r.name), version: Number(r.version), createdAt: Number(r.created_at) }));
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM strategy_versions WHERE strategy_id = $1', [id]);
      const rows = await tx.query('DELETE FROM strategies WHERE id = $1 RETURNING id', [id]);
      return rows.length === 1;
    });
  }
}

function toSummary(r: Row): StrategySummary {
  return {
    id: String(r.id),
    name: String(r.name),
    latestVersion: Number(r.latest_version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toVersion(r: Row): StrategyVersion {
  return {
    strategyId: String(r.strategy_id),
    name: String(r.name),
    version: Number(r.version),
    source: String(r.source),
    inputs: fromJson<InputSpec[]>(r.inputs),
    diagnostics: fromJson<Diagnostic[]>(r.diagnostics),
    createdAt: Number(r.created_at),
  };
}
