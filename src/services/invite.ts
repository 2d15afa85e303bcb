import { createHash, randomBytes } from 'node:crypto';
import type { OrgUnitKind, RoleKind } from '../core/domain.js';
import { AppError, NotFoundError } from '../core/errors.js';
import { vi } from '../core/messages/vi.js';
import { makeInvitationCode } from '../core/invitation-code.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { insertInvitation } from '../storage/queries/invitations.js';
import { listActiveModels } from '../storage/queries/models.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import type { OrgUnitRow } from '../storage/types.js';

/** Only the hash of a code is stored; the same function checks a code when it is redeemed. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

export interface CreatedInvitation {
  id: number;
  code: string;
  unit: OrgUnitRow;
  role: RoleKind;
  expiresAt: Date;
}

/**
 * Province and district committees: they lead, they never report mô hình themselves. (A xã's
 * Đảng ủy may have mô hình of its own and report, so it is judged by its mô hình alone.)
 */
const COMMITTEE_KINDS: readonly OrgUnitKind[] = ['tinh', 'huyen'];

/** An invitation to report for a unit that has nothing to report (a committee, or no active mô hình). */
export class UnsuitableUnitError extends AppError {
  override readonly name = 'UnsuitableUnitError';
  constructor(
    message: string,
    context: Record<string, unknown>,
    /** Why: a committee above the chi bộ, or a unit with no active mô hình (the console words each). */
    readonly reason: 'committee' | 'no-models' = 'no-models',
  ) {
    super('INVITE_UNSUITABLE_UNIT', message, { context });
  }
}

/**
 * Creates a single-use invitation for a unit and role, valid for `days` days from `now`. The
 * code is returned once, to be handed to the person; the database keeps only its hash. A
 * secretary or deputy reports for the unit, so the unit must be one that reports (not a
 * committee above the chi bộ) and have an active mô hình; `force` invites anyway.
 */
export async function createInvitation(
  db: Db,
  params: {
    unitCode: string;
    role: RoleKind;
    days: number;
    now: Date;
    random?: (size: number) => Uint8Array;
    force?: boolean;
    /** For a known person (the console): the code binds the account to them. */
    personId?: number;
    /** Who made it in the console; absent: the command line. */
    createdByPersonId?: number;
  },
): Promise<CreatedInvitation> {
  const unit = await findUnitByCode(db, params.unitCode);
  if (!unit) throw new NotFoundError('org unit', params.unitCode);
  if ((params.role === 'secretary' || params.role === 'deputy') && !params.force) {
    const context = { unitCode: unit.code, unitKind: unit.kind, role: params.role };
    if (COMMITTEE_KINDS.includes(unit.kind)) throw new UnsuitableUnitError(vi.invite.notReportingKind(unit.name, vi.roles[params.role]), context, 'committee');
    if ((await listActiveModels(db, unit.id)).length === 0) throw new UnsuitableUnitError(vi.invite.noActiveModels(unit.name, vi.roles[params.role]), context);
  }
  const code = makeInvitationCode((params.random ?? randomBytes)(32));
  const expiresAt = new Date(params.now.getTime() + params.days * 86_400_000);
  const row = await insertInvitation(db, {
    codeHash: hashInvitationCode(code),
    unitId: unit.id,
    role: params.role,
    expiresAt,
    createdAt: params.now,
    personId: params.personId ?? null,
    createdByPersonId: params.createdByPersonId ?? null,
  });
  await recordAudit(db, {
    actorKind: params.createdByPersonId ? 'person' : 'cli',
    actorPersonId: params.createdByPersonId ?? null,
    action: 'invitation.create',
    entityType: 'invitation',
    entityId: String(row.id),
    details: {
      unitCode: unit.code, unitId: unit.id, role: params.role, expiresAt: expiresAt.toISOString(),
      ...(params.personId ? { personId: params.personId } : {}), ...(params.createdByPersonId ? { via: 'web' } : {}),
    },
    at: params.now,
  });
  return { id: row.id, code, unit, role: params.role, expiresAt };
}

/** The Telegram deep link that opens the bot and sends `/start <code>` when the person taps Start. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}
