import { vi } from '../core/messages/vi.js';
import type { Database } from '../storage/client.js';
import { countRecentAudit, recordAudit } from '../storage/queries/audit.js';
import { findAccountByExternalId } from '../storage/queries/channel-accounts.js';
import { claimInboundMessage } from '../storage/queries/inbound-messages.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { claimStart, replyKey, type InboundEvent, type InboundOutcome } from './inbound-event.js';
import { toPayload } from '../delivery/payload.js';

/** One "write to me privately" hint per person in this window, however many commands they type in groups. */
export const GROUP_HINT_INTERVAL_MS = 60 * 60_000;

/**
 * A message written where others read (a Telegram group, supergroup or channel) is never a
 * conversation: nothing is answered there, no command runs (no figures, no files), and the
 * writer's account keeps its private chat. A command or button from a person who already talks
 * to the bot privately gets, at most once an hour, a short line in that private chat asking
 * them to write there. The message id is claimed, so a redelivery changes nothing.
 */
export async function handleGroupMessage(db: Database, event: InboundEvent): Promise<InboundOutcome> {
  return db.transaction(async (tx) => {
    const none = { duplicate: false, outboxIds: [], toSend: [] };
    if (!(await claimInboundMessage(tx, { channel: event.channel, externalId: event.externalId, at: event.receivedAt }))) {
      return { ...none, duplicate: true };
    }
    const addressed = event.message.type === 'choice' || (event.message.type === 'text' && event.message.text.trim().startsWith('/'));
    if (!addressed) return none;
    const account = await findAccountByExternalId(tx, { channel: event.channel, externalUserId: event.from.externalUserId });
    if (!account || account.blockedAt) return none;
    const entity = { entityType: 'channel_account', entityId: String(account.id) };
    const since = new Date(event.receivedAt.getTime() - GROUP_HINT_INTERVAL_MS);
    if ((await countRecentAudit(tx, { action: 'chat.group_hint', ...entity, since })) > 0) return none;
    await recordAudit(tx, { actorKind: 'system', action: 'chat.group_hint', ...entity, details: { channel: event.channel }, at: event.receivedAt });
    const queued = await enqueueOutbound(
      tx,
      [{ accountId: account.id, purpose: 'reply', dedupeKey: replyKey(event, 0), payload: toPayload({ text: vi.menu.writePrivately }) }],
      event.receivedAt,
      { claim: true, claimFrom: claimStart(event) },
    );
    return { duplicate: false, outboxIds: queued.map((m) => m.id), toSend: queued.map((message) => ({ message, account })) };
  });
}
