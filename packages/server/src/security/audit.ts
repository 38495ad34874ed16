// Writes an audit entry for a request. Failures to audit are logged, never shown to the client,
// and never block the action (the action has already happened).
import type { FastifyRequest } from 'fastify';

export async function audit(req: FastifyRequest, action: string, entity: string, entityId: string | null, detail: Record<string, unknown> | null = null): Promise<void> {
  try {
    await req.server.services.store.audit.record({ actor: req.actor, action, entity, entityId, detail: { ...detail, ip: req.ip } });
  } catch (err) {
    req.log.error({ err }, 'could not write the audit log');
  }
}
