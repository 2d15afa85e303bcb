import { formatDate } from '../core/format.js';
import { normalizeInvitationCode } from '../core/invitation-code.js';
import { vi } from '../core/messages/vi.js';
import type { Logger } from '../log.js';
import type { Db } from '../storage/client.js';
import { countRecentAudit, countRecentAuditAction, recordAudit } from '../storage/queries/audit.js';
import { bindAccountToPerson } from '../storage/queries/channel-accounts.js';
import { lockInvitationByHash, markInvitationUsed } from '../storage/queries/invitations.js';
import { findUnitRole } from '../storage/queries/unit-roles.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { assignRole, createPerson, findPerson } from '../storage/queries/people.js';
import type { ChannelAccountRow } from '../storage/types.js';
import { hashInvitationCode } from './invite.js';
import type { PlannedReply } from '../delivery/payload.js';

/** The name a person gets when their chat account shows none (a Zalo follower): greeted without a name. */
export const UNNAMED_PERSON = 'Đồng chí';

/** Wrong invitation codes one account may try within the window before further tries are refused. */
export const INVITATION_ATTEMPT_LIMIT = 5;

/** The window the wrong tries are counted in: a person who mistypes waits a little, a guesser gets nowhere. */
export const INVITATION_ATTEMPT_WINDOW_MS = 10 * 60_000;

/**
 * Wrong codes all accounts together may give within the window before the service turns
 * careful: from then on only an account's first try is checked (a swarm of accounts, each
 * guessing many codes, gets one guess per account; a person with a valid code still gets in).
 * One deployment serves one organisation's bot and Official Account, so this is the
 * organisation's limit too: a guessed code belongs to no unit it could be counted against.
 */
export const INVITATION_GLOBAL_LIMIT = 30;

/**
 * Binds a chat account to the person, unit and role an invitation names. The invitation is
 * locked while it is used, so it works exactly once; a wrong, used or expired code gets a
 * clear answer and changes nothing but the audit log. An account that gave INVITATION_ATTEMPT_LIMIT
 * refused codes within the window is not even checked until the window has passed (against
 * guessing); each refusal and each throttled try is in the audit log and the service's log.
 */
export async function redeemInvitation(
  db: Db,
  params: { account: ChannelAccountRow; code: string; now: Date; timeZone: string; log?: Logger },
): Promise<{ replies: PlannedReply[]; personId: number | null }> {
  const { account, now } = params;
  const since = new Date(now.getTime() - INVITATION_ATTEMPT_WINDOW_MS);
  const refusedRecently = await countRecentAudit(db, { action: 'invitation.refused', entityType: 'channel_account', entityId: String(account.id), since });
  if (refusedRecently >= INVITATION_ATTEMPT_LIMIT) {
    await recordAudit(db, { actorKind: 'person', action: 'invitation.throttled', entityType: 'channel_account', entityId: String(account.id), details: { channel: account.channel }, at: now });
    params.log?.warn({ accountId: account.id, channel: account.channel, refusedRecently }, 'invitation code tries throttled for this account');
    return { replies: [{ text: vi.onboarding.tooManyAttempts(Math.round(INVITATION_ATTEMPT_WINDOW_MS / 60_000)) }], personId: null };
  }
  if (refusedRecently > 0) {
    const refusedEverywhere = await countRecentAuditAction(db, { action: 'invitation.refused', since });
    if (refusedEverywhere >= INVITATION_GLOBAL_LIMIT) {
      await recordAudit(db, { actorKind: 'person', action: 'invitation.throttled', entityType: 'channel_account', entityId: String(account.id), details: { channel: account.channel, scope: 'everyone' }, at: now });
      params.log?.warn({ accountId: account.id, channel: account.channel, refusedEverywhere }, 'invitation code tries throttled for everyone: many wrong codes lately');
      return { replies: [{ text: vi.onboarding.tooManyAttempts(Math.round(INVITATION_ATTEMPT_WINDOW_MS / 60_000)) }], personId: null };
    }
  }
  const refuse = async (reason: string, text: string) => {
    await recordAudit(db, { actorKind: 'person', action: 'invitation.refused', entityType: 'channel_account', entityId: String(account.id), details: { channel: account.channel, reason }, at: now });
    params.log?.info({ accountId: account.id, channel: account.channel, reason, refusedBefore: refusedRecently }, 'invitation code refused');
    return { replies: [{ text }], personId: null };
  };
  const code = normalizeInvitationCode(params.code);
  const invitation = code ? await lockInvitationByHash(db, hashInvitationCode(code)) : undefined;
  if (!invitation) return refuse('unknown', vi.onboarding.invalidCode);
  if (invitation.usedAt) {
    if (invitation.usedByAccountId === account.id) return { replies: [{ text: vi.onboarding.alreadyYours }], personId: null };
    return refuse('used', vi.onboarding.usedCode);
  }
  if (invitation.expiresAt.getTime() <= now.getTime()) return refuse('expired', vi.onboarding.expiredCode(formatDate(invitation.expiresAt, params.timeZone)));
  if (invitation.revokedAt) return refuse('revoked', vi.onboarding.revokedCode);
  if (invitation.personId) {
    // A role that ended after the invitation was made is not given back by it.
    const held = await findUnitRole(db, { personId: invitation.personId, unitId: invitation.unitId, role: invitation.role });
    if (held?.endedAt) return refuse('role-ended', vi.onboarding.revokedCode);
  }
  const person =
    (invitation.personId ? await findPerson(db, invitation.personId) : undefined) ??
    (params.account.personId ? await findPerson(db, params.account.personId) : undefined) ??
    (await createPerson(db, params.account.displayName?.trim() || UNNAMED_PERSON));
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
    replies: [{ text: vi.onboarding.welcome({ person: person.fullName === UNNAMED_PERSON ? '' : person.fullName, role: vi.roles[invitation.role], unit: unit?.name ?? '' }) }],
    personId: person.id,
  };
}
