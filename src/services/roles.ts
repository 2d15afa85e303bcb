import type { RoleKind } from '../core/domain.js';
import { AppError, NotFoundError } from '../core/errors.js';
import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { recordAudit, type AuditEntry } from '../storage/queries/audit.js';
import { closeCheckinsForHandover } from '../storage/queries/conversations.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { cancelPendingNoticesAbout, endUnitRole, holdsRoleIn, listRoleHolders, type RoleHolder } from '../storage/queries/unit-roles.js';

/** Nobody holds that role in that unit now (or nobody with that phone): nothing to end. */
export class RoleNotHeldError extends AppError {
  override readonly name = 'RoleNotHeldError';
  constructor(readonly unitName: string, readonly role: RoleKind, readonly phone: string | undefined) {
    super('ROLE_NOT_HELD', `no current ${role} in ${unitName}${phone ? ` with phone ${phone}` : ''}`, { context: { role } });
  }
}

/** Several people hold the role: the operator must say whose (by phone), never a guess. */
export class RoleAmbiguousError extends AppError {
  override readonly name = 'RoleAmbiguousError';
  constructor(readonly unitName: string, readonly role: RoleKind, readonly holders: readonly Pick<RoleHolder, 'fullName' | 'phone'>[]) {
    super('ROLE_AMBIGUOUS', `${holders.length} people hold ${role} in ${unitName}`, { context: { role, holders: holders.length } });
  }
}

export interface EndedRole {
  unitName: string;
  role: RoleKind;
  personId: number;
  fullName: string;
  /** Check-ins in progress that were closed, their answers kept for whoever reports next. */
  closedCheckins: number;
  /** Notices about the unit that were waiting to go to this person and will not. */
  cancelledNotices: number;
}

/**
 * Ends a person's role in a unit, at once and for every instance (the role is read from the
 * database on every answer, notice and page): their waiting notices about the unit are cancelled,
 * a check-in they had in progress is closed with a kind word and its answers left for the
 * successor to continue, and the web console stops showing what the role gave (sessions end
 * when no role is left). One audit entry with before and after. Run inside a transaction.
 */
export async function endRole(
  db: Db,
  p: { unitCode: string; role: RoleKind; phone?: string; now: Date; actor: Pick<AuditEntry, 'actorKind' | 'actorPersonId'> },
): Promise<EndedRole> {
  const unit = await findUnitByCode(db, p.unitCode);
  if (!unit) throw new NotFoundError('org unit', p.unitCode);
  const holders = await listRoleHolders(db, { unitId: unit.id, role: p.role });
  const wanted = p.phone?.replace(/\D/g, '');
  const matching = wanted ? holders.filter((h) => (h.phone ?? '').replace(/\D/g, '') === wanted) : holders;
  if (matching.length === 0) throw new RoleNotHeldError(unit.name, p.role, p.phone);
  if (matching.length > 1) throw new RoleAmbiguousError(unit.name, p.role, matching);
  const holder = matching[0]!;
  const effects = await endHeldRole(db, { unit, role: p.role, holder, at: p.now, now: p.now, actor: p.actor });
  if (!effects) throw new RoleNotHeldError(unit.name, p.role, p.phone);
  return { unitName: unit.name, role: p.role, personId: holder.personId, fullName: holder.fullName, ...effects };
}

/**
 * What ending one held role does, whoever asks (the command line, an import's "Ngày thôi giữ vai
 * trò", the console): the role ends at `at` (once: null when it had already ended), and when the
 * person no longer reports for the unit their waiting notices about it are cancelled and a
 * check-in in progress is closed with a kind word, its answers kept for the successor. Audited as
 * `role.end`, unless it is part of a larger action that writes its own entry (`audited: false`:
 * a transfer is one «Chuyển giao» in the log, not an end and a transfer).
 */
export async function endHeldRole(
  db: Db,
  p: { unit: { id: number; code: string; name: string }; role: RoleKind; holder: Pick<RoleHolder, 'roleId' | 'personId' | 'accountIds'>; at: Date; now: Date; actor: Pick<AuditEntry, 'actorKind' | 'actorPersonId'>; audited?: boolean },
): Promise<{ closedCheckins: number; cancelledNotices: number } | null> {
  const { unit, holder } = p;
  if (!(await endUnitRole(db, { roleId: holder.roleId, at: p.at }))) return null;
  // Someone who is both secretary and deputy of the unit still reports for it: only the last
  // reporting role's end closes the check-in and silences the notices.
  const stillReports = await holdsRoleIn(db, { personId: holder.personId, unitId: unit.id, roles: ['secretary', 'deputy'] });
  let closedCheckins = 0;
  let cancelledNotices = 0;
  if (!stillReports) {
    cancelledNotices = await cancelPendingNoticesAbout(db, { accountIds: holder.accountIds, unitId: unit.id, unitName: unit.name });
    const closed = await closeCheckinsForHandover(db, { accountIds: holder.accountIds, unitId: unit.id, at: p.now });
    closedCheckins = closed.length;
    await enqueueOutbound(
      db,
      closed.map((c) => ({
        accountId: c.accountId,
        purpose: 'reply',
        dedupeKey: `role-ended:${holder.roleId}:${c.id}`,
        payload: { text: vi.roleChange.checkinHandedOver(unit.name) },
      })),
      p.now,
    );
  }
  if (p.audited === false) return { closedCheckins, cancelledNotices };
  await recordAudit(db, {
    ...p.actor,
    action: 'role.end',
    entityType: 'person',
    entityId: String(holder.personId),
    details: { unitId: unit.id, unitCode: unit.code, role: p.role, before: { endedAt: null }, after: { endedAt: p.at.toISOString() }, closedCheckins, cancelledNotices },
    at: p.now,
  });
  return { closedCheckins, cancelledNotices };
}
