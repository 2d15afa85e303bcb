import { z } from 'zod';
import type { Reply } from '../core/checkin/types.js';
import type { ExportFormat } from '../core/figures/export-request.js';
import { noticePayloadSchema, type NoticePayload } from '../core/notices.js';
import { isJsonObject, readStoredJson, type StoredJsonFormat } from '../core/stored-json.js';

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

/** A ready reply as the outbox keeps it. */
export const outboundPayloadSchema: z.ZodType<OutboundPayload> = z.object({
  text: z.string(),
  choices: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  conversationId: z.number().int().optional(),
  version: z.number().int().optional(),
  document: z.object({ fileId: z.number().int(), fileName: z.string() }).optional(),
});

/** What outbound_messages.payload holds: a notice, worded when it is sent, or a ready reply. */
export type StoredPayload = NoticePayload | OutboundPayload;

/**
 * outbound_messages.payload, version 1: a notice (core/notices) or a ready reply. Older shapes:
 * a reply that carried the export to render (`exportJob`, before exports were jobs of their own,
 * migration 0015) is read as the reply it was, without it.
 */
export const OUTBOUND_PAYLOAD: StoredJsonFormat<StoredPayload> = {
  table: 'outbound_messages',
  column: 'payload',
  version: 1,
  // Replies first: most rows read in a hurry (a webhook's replies) are replies.
  schema: z.union([outboundPayloadSchema, noticePayloadSchema]),
  upgrade: (value) => {
    if (!isJsonObject(value) || !('exportJob' in value)) return value;
    const { exportJob: _moved, ...reply } = value;
    return reply;
  },
};

/** The payload of an outbox row, read through its schema; a row that does not parse is a StoredJsonError naming it. */
export function readPayload(row: { id: number; payload: unknown }): StoredPayload {
  return readStoredJson(OUTBOUND_PAYLOAD, row.id, row.payload, row);
}

export function toPayload(reply: PlannedReply): OutboundPayload {
  return {
    text: reply.text,
    ...(reply.choices && reply.choices.length > 0 ? { choices: reply.choices } : {}),
    ...(reply.conversation ? { conversationId: reply.conversation.id, version: reply.conversation.version } : {}),
    ...(reply.document ? { document: reply.document } : {}),
  };
}
