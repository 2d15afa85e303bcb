import type { Reply } from '../core/checkin/types.js';

/** What a service decided to say, before it is queued in the outbox. */
export interface PlannedReply extends Reply {
  /** The conversation whose buttons these are, and its version, so a stale tap is recognised. */
  conversation?: { id: number; version: number };
  /** A file to send with the text as its caption (an export), stored in generated_files. */
  document?: OutboundDocument;
}

/** A generated file an outbound message carries, by reference: the bytes stay in generated_files. */
export interface OutboundDocument {
  fileId: number;
  fileName: string;
}

/** The outbox payload every channel adapter renders. */
export interface OutboundPayload {
  text: string;
  choices?: readonly { label: string; value: string }[];
  conversationId?: number;
  version?: number;
  document?: OutboundDocument;
}

export function toPayload(reply: PlannedReply): OutboundPayload {
  return {
    text: reply.text,
    ...(reply.choices && reply.choices.length > 0 ? { choices: reply.choices } : {}),
    ...(reply.conversation ? { conversationId: reply.conversation.id, version: reply.conversation.version } : {}),
    ...(reply.document ? { document: reply.document } : {}),
  };
}
