import { createHash, randomBytes } from 'node:crypto';
import type { RoleKind } from '../core/domain.js';
import { NotFoundError } from '../core/errors.js';
import { makeInvitationCode } from '../core/invitation-code.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { insertInvitation } from '../storage/queries/invitations.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import type { OrgUnitRow } from '../storage/types.js';

/** Only the hash of a code is stored; the same function checks a code when it is redeemed. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

export interface CreatedInvitation {
  code: string;
  unit: OrgUnitRow;
  role: RoleKind;
  expiresAt: Date;
}

/**
 * Creates a single-use invitation for a unit and role, valid for `days` days from `now`. The
 * code is returned once, to be handed to the person; the database keeps only its hash.
 */
export async function createInvitation(
  db: Db,
  params: { unitCode: string; role: RoleKind; days: number; now: Date; random?: (size: number) => Uint8Array },
): Promise<CreatedInvitation> {
  const unit = await findUnitByCode(db, params.unitCode);
  if (!unit) throw new NotFoundError('org unit', params.unitCode);
  const code = makeInvitationCode((params.random ?? randomBytes)(32));
  const expiresAt = new Date(params.now.getTime() + params.days * 86_400_000);
  const row = await insertInvitation(db, {
    codeHash: hashInvitationCode(code),
    unitId: unit.id,
    role: params.role,
    expiresAt,
    createdAt: params.now,
  });
  await recordAudit(db, {
    actorKind: 'cli',
    action: 'invitation.create',
    entityType: 'invitation',
    entityId: String(row.id),
    details: { unitCode: unit.code, role: params.role, expiresAt: expiresAt.toISOString() },
    at: params.now,
  });
  return { code, unit, role: params.role, expiresAt };
}

/** The Telegram deep link that opens the bot and sends `/start <code>` when the person taps Start. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}
