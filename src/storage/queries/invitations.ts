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
