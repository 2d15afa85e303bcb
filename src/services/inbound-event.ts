import type { CheckinInput } from '../core/checkin/types.js';
import type { ChannelKind } from '../core/domain.js';
import type { ChannelAccountRow, OutboundMessageRow } from '../storage/types.js';

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
}

export interface InboundOutcome {
  duplicate: boolean;
  /** Outbox rows queued by this message, already claimed for sending right after the commit. */
  outboxIds: number[];
  toSend: { message: OutboundMessageRow; account: ChannelAccountRow }[];
}

