import type { Db } from '../client.js';
import { auditLog } from '../schema/index.js';

export interface AuditEntry {
  actorKind: 'person' | 'cli' | 'system';
  actorPersonId?: number | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Appends to the audit log; call it inside the transaction that made the change. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
