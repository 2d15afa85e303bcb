import type { RoleKind } from '../core/domain.js';
import { AppError, NotFoundError } from '../core/errors.js';
import { normalizeInvitationCode } from '../core/invitation-code.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { findInvitation, listUnboundReporters, revokeInvitationRow, revokeOutstandingFor } from '../storage/queries/invitations.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { findPerson } from '../storage/queries/people.js';
import { findUnitRole } from '../storage/queries/unit-roles.js';
import type { InvitationRow } from '../storage/types.js';
import { createInvitation, hashInvitationCode, UnsuitableUnitError, type CreatedInvitation } from './invite.js';

/** Why the console did not make an invitation: the same refusals as `invite`, plus an ended role. */
export type InvitationRefusal = 'committee' | 'no-models' | 'role-ended' | 'unknown-unit' | 'unknown-person' | 'gone';

/** An invitation the console refuses to make or change, with the reason it words. */
export class InvitationRefusedError extends AppError {
  override readonly name = 'InvitationRefusedError';
  constructor(readonly reason: InvitationRefusal, context: Record<string, unknown> = {}) {
    super('INVITATION_REFUSED', `invitation refused: ${reason}`, { context: { reason, ...context } });
  }
}

/** An invitation just made in the console, with the person it is for (the code is shown once). */
export interface ConsoleInvitation extends CreatedInvitation {
  personName: string | null;
}

/**
 * Makes an invitation for a person (or a newcomer) and a role in a unit of the admin's
 * organisation, with the command line's checks (no secretary for a committee or a unit without
 * an active mô hình unless forced) and one more: a role the person held and ended is refused.
 */
export async function inviteFromConsole(
  db: Db,
  p: { organisationPath: string; unitCode: string; role: RoleKind; personId?: number; days: number; force: boolean; now: Date; adminId: number },
): Promise<ConsoleInvitation> {
  const unit = await findUnitByCode(db, p.unitCode.trim());
  if (!unit || !unit.path.startsWith(p.organisationPath)) throw new InvitationRefusedError('unknown-unit', { unitCode: p.unitCode });
  let personName: string | null = null;
  if (p.personId !== undefined) {
    const person = await findPerson(db, p.personId);
    if (!person) throw new InvitationRefusedError('unknown-person', { personId: p.personId });
    const held = await findUnitRole(db, { personId: person.id, unitId: unit.id, role: p.role });
    if (held?.endedAt) throw new InvitationRefusedError('role-ended', { personId: person.id, unitId: unit.id, role: p.role, endedAt: held.endedAt.toISOString() });
    personName = person.fullName;
  }
  try {
    const created = await createInvitation(db, { unitCode: unit.code, role: p.role, days: p.days, now: p.now, force: p.force, personId: p.personId, createdByPersonId: p.adminId });
    return { ...created, personName };
  } catch (error) {
    if (error instanceof UnsuitableUnitError) throw new InvitationRefusedError(error.reason, { unitCode: unit.code, role: p.role });
    throw error;
  }
}

/** An invitation of the admin's organisation by id; outside it or absent: not found. */
export async function findInvitationIn(db: Db, p: { id: number; organisationPath: string }): Promise<InvitationRow & { unitPath: string; unitName: string }> {
  const invitation = await findInvitation(db, p.id);
  if (!invitation || !invitation.unitPath.startsWith(p.organisationPath)) throw new NotFoundError('invitation', String(p.id));
  return invitation;
}

/** Whether a code shown once is the one of this invitation, still usable at `now` (QR downloads and print sheets carry it). */
export function codeOpens(invitation: InvitationRow, code: string, now: Date): boolean {
  const normal = normalizeInvitationCode(code);
  return (
    normal !== null &&
    hashInvitationCode(normal) === invitation.codeHash &&
    invitation.usedAt === null &&
    invitation.revokedAt === null &&
    invitation.expiresAt.getTime() > now.getTime()
  );
}

/** Revokes an invitation still usable: its code stops working at once. Audited with before and after. */
export async function revokeInvitation(db: Db, p: { id: number; organisationPath: string; adminId: number; now: Date }): Promise<void> {
  const invitation = await findInvitationIn(db, p);
  if (!(await revokeInvitationRow(db, { id: p.id, byPersonId: p.adminId, at: p.now }))) throw new InvitationRefusedError('gone', { id: p.id });
  await recordAudit(db, {
    actorKind: 'person', actorPersonId: p.adminId, action: 'invitation.revoke', entityType: 'invitation', entityId: String(p.id),
    details: { unitId: invitation.unitId, before: { revokedAt: null }, after: { revokedAt: p.now.toISOString() }, role: invitation.role, personId: invitation.personId, via: 'web' },
    at: p.now,
  });
}

/**
 * Fresh invitations for every current secretary and deputy of a subtree who has no chat account
 * yet, for a printed sheet: each one's older unused codes are revoked (a code is shown only
 * once, so the sheet needs new ones). Units without an active mô hình are left out, as `invite`
 * refuses them. Call inside one transaction: all made or none.
 */
export async function bulkInviteReporters(
  db: Db,
  p: { subtreePath: string; days: number; now: Date; adminId: number },
): Promise<{ invitations: ConsoleInvitation[]; skippedUnits: number; revoked: number }> {
  const reporters = await listUnboundReporters(db, { subtreePath: p.subtreePath });
  const invitations: ConsoleInvitation[] = [];
  const skipped = new Set<number>();
  let revoked = 0;
  for (const r of reporters) {
    if (r.activeModels === 0) {
      skipped.add(r.unitId);
      continue;
    }
    revoked += (await revokeOutstandingFor(db, { personId: r.personId, unitId: r.unitId, role: r.role, byPersonId: p.adminId, at: p.now })).length;
    const created = await createInvitation(db, { unitCode: r.unitCode, role: r.role, days: p.days, now: p.now, force: true, personId: r.personId, createdByPersonId: p.adminId });
    invitations.push({ ...created, personName: r.personName });
  }
  await recordAudit(db, {
    actorKind: 'person', actorPersonId: p.adminId, action: 'invitation.bulk', entityType: 'org_unit', entityId: p.subtreePath,
    details: { before: { revoked }, after: { created: invitations.length, skippedUnits: skipped.size }, via: 'web' },
    at: p.now,
  });
  return { invitations, skippedUnits: skipped.size, revoked };
}
