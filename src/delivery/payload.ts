import type { Reply } from '../core/checkin/types.js';
import type { ExportFormat } from '../core/figures/export-request.js';

/** What a service decided to say, before it is queued in the outbox. */
export interface PlannedReply extends Reply {
  /** The conversation whose buttons these are, and its version, so a stale tap is recognised. */
  conversation?: { id: number; version: number };
  /** A file to send with the text as its caption (an export), stored in generated_files. */
  document?: OutboundDocument;
  /** An export to render (export_jobs), whose reply then carries the file with this text as its caption. */
  exportJob?: ExportJob;
}

/**
 * An export asked for in a chat, rendered by its own job after the update's transaction, not
 * inside it: a province's year takes seconds, longer than a webhook may keep Telegram waiting.
 * The permission was checked when it was asked; the unit is kept by id.
 */
export interface ExportJob {
  personId: number;
  unitId: number;
  subtree: boolean;
  from: string;
  to: string;
  format: ExportFormat;
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
