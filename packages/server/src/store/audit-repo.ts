// Append-only audit log of submissions, edits and deletions: who (token fingerprint or "local"),
// what, which entity, and a small detail object that never contains secrets or script sources.
import { randomUUID } from 'node:crypto';
import { fromJson, toJson, type SqlDb } from './sql.js';

export interface AuditEntry {
  id: string;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown> | null;
}

export class AuditRepo {
  constructor(private readonly db: SqlDb) {}

  async record(e: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.db.query('INSERT INTO audit_log (id, at_ms, actor, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      randomUUID(),
      Date.now(),
      e.actor,
      e.action,
      e.entity,
      e.entityId,
      toJson(e.detail),
    ]);
  }

  async list(limit: number, offset: number, entity?: string): Promise<AuditEntry[]> {
    const rows = entity
      ? await this.db.query('SELECT * FROM audit_log WHERE entity = $1 ORDER BY at_ms DESC, id LIMIT $2 OFFSET $3', [entity, limit, offset])
      : await this.db.query('SELECT * FROM audit_log ORDER BY at_ms DESC, id LIMIT $1 OFFSET $2', [limit, offset]);
    return rows.map((r) => ({
      id: String(r.id),
      at: Number(r.at_ms),
      actor: String(r.actor),
      action: String(r.action),
      entity: String(r.entity),
      entityId: (r.entity_id as string | null) ?? null,
      detail: fromJson<Record<string, unknown>>(r.detail),
    }));
  }
}
