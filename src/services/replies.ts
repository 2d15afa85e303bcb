import type { Reply } from '../core/checkin/types.js';

/** What a service decided to say, before it is queued in the outbox. */
export interface PlannedReply extends Reply {
  /** The conversation whose buttons these are, and its version, so a stale tap is recognised. */
  conversation?: { id: number; version: number };
}

/** The outbox payload every channel adapter renders. */
export interface OutboundPayload {
  text: string;
  choices?: readonly { label: string; value: string }[];
  conversationId?: number;
  version?: number;
}

export function toPayload(reply: PlannedReply): OutboundPayload {
  return {
    text: reply.text,
    ...(reply.choices && reply.choices.length > 0 ? { choices: reply.choices } : {}),
    ...(reply.conversation ? { conversationId: reply.conversation.id, version: reply.conversation.version } : {}),
  };
}
