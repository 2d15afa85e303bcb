import { and, count, eq, gt } from 'drizzle-orm';
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

/** How many entries of one action about one entity since an instant: for limits on repeated tries (invitation codes). */
export async function countRecentAudit(db: Db, p: { action: string; entityType: string; entityId: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, p.entityType), eq(auditLog.entityId, p.entityId), eq(auditLog.action, p.action), gt(auditLog.at, p.since)));
  return Number(row?.n ?? 0);
}

/** How many entries of one action since an instant, about any entity: for limits across everyone (invitation codes guessed by a swarm). */
export async function countRecentAuditAction(db: Db, p: { action: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, p.action), gt(auditLog.at, p.since)));
  return Number(row?.n ?? 0);
}
