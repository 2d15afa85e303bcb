import { eq } from 'drizzle-orm';
import type { RoleKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { invitations } from '../schema/index.js';
import type { InvitationRow } from '../types.js';

/** Stores a new invitation by the hash of its code (the code itself is shown once and never stored). */
export async function insertInvitation(
  db: Db,
  params: { codeHash: string; unitId: number; role: RoleKind; personId?: number | null; expiresAt: Date; createdAt: Date },
): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(params).returning();
  if (!row) throw new Error('insert into invitations returned no row');
  return row;
}

/** The invitation with this code hash, locked so two people cannot use it at the same moment. */
export async function lockInvitationByHash(db: Db, codeHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(eq(invitations.codeHash, codeHash)).for('update');
  return row;
}

export async function markInvitationUsed(db: Db, params: { id: number; accountId: number; at: Date }): Promise<void> {
  await db.update(invitations).set({ usedAt: params.at, usedByAccountId: params.accountId }).where(eq(invitations.id, params.id));
}
