import { z } from 'zod';
import { readStoredJson, type StoredJsonFormat } from '../../core/stored-json.js';
import type { InboundEvent } from '../../services/inbound-event.js';
import { decodeButtonData } from '../../core/button-data.js';
import { ZALO_BUTTON_PREFIX } from './zalo-sender.js';

/** The fields of a Zalo OA webhook event that we read (ids are strings; timestamp in ms, as a string). */
export interface ZaloEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  user_id_by_app?: string;
  message?: { msg_id?: string; text?: string; attachments?: { type?: string; payload?: { url?: string; thumbnail?: string } }[] };
}

const zaloId = z.looseObject({ id: z.string().optional() }).optional();

/**
 * A Zalo event as its webhook sent it, stored raw in webhook_inbox.event (version 1: Zalo's own
 * shape, the fields we read checked, the rest kept). The webhook reads the request's body through
 * it and the inbox reads the stored row through it.
 */
export const zaloEventSchema: z.ZodType<ZaloEvent> = z.looseObject({
  app_id: z.string().optional(),
  event_name: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  sender: zaloId,
  recipient: zaloId,
  follower: zaloId,
  user_id_by_app: z.string().optional(),
  message: z
    .looseObject({
      msg_id: z.string().optional(),
      text: z.string().optional(),
      attachments: z
        .array(z.looseObject({ type: z.string().optional(), payload: z.looseObject({ url: z.string().optional(), thumbnail: z.string().optional() }).optional() }))
        .optional(),
    })
    .optional(),
});

/** webhook_inbox.event of a Zalo row: version 1, no older shapes. */
export const STORED_ZALO_EVENT: StoredJsonFormat<ZaloEvent> = { table: 'webhook_inbox', column: 'event', version: 1, schema: zaloEventSchema, upgrade: (value) => value };

/** The event of a stored Zalo inbox row, read through its schema; one that does not parse is a StoredJsonError naming the row. */
export function readStoredZaloEvent(row: { id: number; event: unknown }): ZaloEvent {
  return readStoredJson(STORED_ZALO_EVENT, row.id, row.event, row);
}

/** What an event means to us. */
export type ZaloEventMeaning =
  | { kind: 'inbound'; event: InboundEvent }
  | { kind: 'unfollowed'; externalUserId: string; at: Date }
  | { kind: 'ignored'; reason: string };

/**
 * The key that identifies an event across Zalo's retries (the message id; for a follow or
 * unfollow, the follower and the moment) and whose events must be handled in order. Null for
 * events that are not from a person: the OA's own echoes (`oa_send_*`) and anything unknown.
 */
export function keyOfZaloEvent(event: ZaloEvent): { externalId: string; senderId: string } | null {
  const name = event.event_name ?? '';
  if (name.startsWith('oa_send_')) return null;
  if (name === 'follow' || name === 'unfollow') {
    const id = event.follower?.id;
    return id ? { externalId: `${name}:${id}:${String(event.timestamp ?? '')}`, senderId: id } : null;
  }
  if (!name.startsWith('user_send_')) return null;
  const sender = event.sender?.id;
  const msgId = event.message?.msg_id;
  return sender && msgId ? { externalId: msgId, senderId: sender } : null;
}

/**
 * Translates a Zalo event into the channel-neutral shape: typed text, a tapped button (its
 * payload comes back as text starting with "#"), a photo (by URL), a follow (treated as
 * /start, which greets and asks for the invitation code), an unfollow. It decides nothing.
 * `receivedAt` is the server's clock when the webhook stored the event.
 */
export function translateZaloEvent(event: ZaloEvent, receivedAt: Date): ZaloEventMeaning {
  const key = keyOfZaloEvent(event);
  if (!key) return { kind: 'ignored', reason: `event ${event.event_name ?? '(none)'}` };
  // The event's own timestamp only decides whether it is fresh (see isFreshZaloEvent); every
  // decision after that (expiry, due dates) runs on the server's clock, when we received it.
  const at = receivedAt;
  const from = { externalUserId: key.senderId, chatId: key.senderId };
  // A message in an OA group chat (user_send_group_*) is read by others: never a conversation.
  const group = (event.event_name ?? '').startsWith('user_send_group_') ? { chatKind: 'group' as const } : {};
  const base = { channel: 'zalo' as const, externalId: key.externalId, receivedAt: at, from, ...group };
  switch (event.event_name) {
    case 'follow':
      return { kind: 'inbound', event: { ...base, message: { type: 'text', text: '/start' } } };
    case 'unfollow':
      return { kind: 'unfollowed', externalUserId: key.senderId, at };
    case 'user_send_text': {
      const text = event.message?.text ?? '';
      const tap = text.startsWith(ZALO_BUTTON_PREFIX) ? decodeButtonData(text.slice(ZALO_BUTTON_PREFIX.length)) : null;
      if (tap) {
        return {
          kind: 'inbound',
          event: {
            ...base,
            message: { type: 'choice', value: tap.value },
            ...(tap.conversationId !== undefined ? { button: { conversationId: tap.conversationId, version: tap.version! } } : {}),
          },
        };
      }
      return { kind: 'inbound', event: { ...base, message: { type: 'text', text } } };
    }
    case 'user_send_image': {
      const url = event.message?.attachments?.find((a) => a.type === 'image')?.payload?.url;
      return { kind: 'inbound', event: { ...base, message: url ? { type: 'photo', fileRef: url } : { type: 'unsupported' } } };
    }
    default:
      // A sticker, a location, a file…: still the person talking to us (it opens the window), but not an answer.
      return { kind: 'inbound', event: { ...base, message: { type: 'unsupported' } } };
  }
}

/**
 * Whether a signed event's timestamp is within `windowMs` of the server's clock, either side. A
 * signature proves who sent the bytes, not when: an event replayed from last year or dated next
 * month is dropped.
 */
export function isFreshZaloEvent(event: ZaloEvent, now: Date, windowMs: number): boolean {
  const at = Number(event.timestamp);
  return Number.isFinite(at) && at > 0 && Math.abs(at - now.getTime()) <= windowMs;
}
