import type { CheckinInput } from '../core/checkin/types.js';
import type { ChannelKind } from '../core/domain.js';
import type { ChannelAccountRow, ExportJobRow, OutboundMessageRow } from '../storage/types.js';

/** One message from a person, as every channel adapter hands it over. */
export interface InboundEvent {
  channel: ChannelKind;
  /** The channel's id for this delivery (Telegram update_id, Zalo msg_id): redeliveries repeat it. */
  externalId: string;
  receivedAt: Date;
  from: { externalUserId: string; chatId: string; displayName?: string | null };
  message: CheckinInput;
  /** For a button: the conversation and version the button was drawn for. */
  button?: { conversationId: number; version: number };
  /**
   * Where it was written: a private chat with the bot (the default), or a chat others read (a
   * Telegram group, supergroup or channel). Only a private chat is a conversation.
   */
  chatKind?: 'private' | 'group';
}

export interface InboundOutcome {
  duplicate: boolean;
  /** Outbox rows queued by this message, already claimed for sending right after the commit. */
  outboxIds: number[];
  toSend: { message: OutboundMessageRow; account: ChannelAccountRow }[];
  /** Exports this message asked for, queued as jobs (export_jobs) already claimed, to render once its replies went. */
  exports?: ExportJobRow[];
}


/**
 * Where the claim on a message's replies starts: when it was handled, not when it was written.
 * An update Telegram delivers late (after an outage, a backlog) carries an old date; a lease
 * counted from that date would already have run out, and the outbox sweep would send the reply
 * a second time while it is being sent. The later of the two keeps simulated clocks working.
 */
export function claimStart(event: InboundEvent): Date {
  return new Date(Math.max(event.receivedAt.getTime(), Date.now()));
}

/**
 * The one dedupe key of the `index`th reply to an inbound message: a redelivered message queues
 * nothing twice, whichever path (fast, careful, group chat) handled it, and an export's reply,
 * queued later by its job, keeps the key of the reply it stands for.
 */
export function replyKey(event: Pick<InboundEvent, 'channel' | 'externalId'>, index: number): string {
  return `reply:${event.channel}:${event.externalId}:${index}`;
}
