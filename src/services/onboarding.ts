import { formatDate } from '../core/format.js';
import { normalizeInvitationCode } from '../core/invitation-code.js';
import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { bindAccountToPerson } from '../storage/queries/channel-accounts.js';
import { lockInvitationByHash, markInvitationUsed } from '../storage/queries/invitations.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { assignRole, createPerson, findPerson } from '../storage/queries/people.js';
import type { ChannelAccountRow } from '../storage/types.js';
import { hashInvitationCode } from './invite.js';
import type { PlannedReply } from './replies.js';

/**
 * Binds a chat account to the person, unit and role an invitation names. The invitation is
 * locked while it is used, so it works exactly once; a wrong, used or expired code gets a
 * clear answer and changes nothing.
 */
export async function redeemInvitation(
  db: Db,
  params: { account: ChannelAccountRow; code: string; now: Date; timeZone: string },
): Promise<{ replies: PlannedReply[]; personId: number | null }> {
  const code = normalizeInvitationCode(params.code);
  const invitation = code ? await lockInvitationByHash(db, hashInvitationCode(code)) : undefined;
  if (!invitation) return { replies: [{ text: vi.onboarding.invalidCode }], personId: null };
  if (invitation.usedAt) {
    const mine = invitation.usedByAccountId === params.account.id;
    return { replies: [{ text: mine ? vi.onboarding.alreadyYours : vi.onboarding.usedCode }], personId: null };
  }
  if (invitation.expiresAt.getTime() <= params.now.getTime()) {
    return { replies: [{ text: vi.onboarding.expiredCode(formatDate(invitation.expiresAt, params.timeZone)) }], personId: null };
  }
  const person =
    (invitation.personId ? await findPerson(db, invitation.personId) : undefined) ??
    (params.account.personId ? await findPerson(db, params.account.personId) : undefined) ??
    (await createPerson(db, params.account.displayName?.trim() || 'Đồng chí'));
  await assignRole(db, { personId: person.id, unitId: invitation.unitId, role: invitation.role, title: null, keepTitle: true });
  await bindAccountToPerson(db, { accountId: params.account.id, personId: person.id });
  await markInvitationUsed(db, { id: invitation.id, accountId: params.account.id, at: params.now });
  await recordAudit(db, {
    actorKind: 'person',
    actorPersonId: person.id,
    action: 'invitation.redeem',
    entityType: 'invitation',
    entityId: String(invitation.id),
    details: { accountId: params.account.id, channel: params.account.channel, unitId: invitation.unitId, role: invitation.role },
    at: params.now,
  });
  const unit = await findUnitById(db, invitation.unitId);
  return {
    replies: [{ text: vi.onboarding.welcome({ person: person.fullName, role: vi.roles[invitation.role], unit: unit?.name ?? '' }) }],
    personId: person.id,
  };
}
