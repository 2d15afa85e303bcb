import type { Update } from 'grammy/types';
import { z } from 'zod';
import { isJsonObject, readStoredJson, type StoredJsonFormat } from '../../core/stored-json.js';
import type { InboundEvent } from '../../services/inbound.js';
import { decodeButtonData as decodeCallbackData } from '../../core/button-data.js';

/**
 * webhook_inbox.event of a Telegram row (an update whose handling failed, kept to try again),
 * version 1: the Bot API's Update as it came, an object with its update_id; translateUpdate
 * reads every other field defensively, as it does a live update.
 */
export const STORED_TELEGRAM_UPDATE: StoredJsonFormat<Update> = {
  table: 'webhook_inbox',
  column: 'event',
  version: 1,
  schema: z.custom<Update>((value) => isJsonObject(value) && Number.isSafeInteger(value.update_id), { message: 'not a Telegram update with an update_id' }),
  upgrade: (value) => value,
};

/** The update of a stored Telegram inbox row, read through its schema; one that does not parse is a StoredJsonError naming the row. */
export function readStoredUpdate(row: { id: number; event: unknown }): Update {
  return readStoredJson(STORED_TELEGRAM_UPDATE, row.id, row.event, row);
}

/** What an update means to us, besides a message from a person. */
export type TelegramUpdateMeaning =
  | { kind: 'inbound'; event: InboundEvent; callback?: { id: string; chatId: number; messageId: number | undefined } }
  | { kind: 'blocked'; externalUserId: string; at: Date }
  | { kind: 'unblocked'; event: InboundEvent }
  | { kind: 'chat_migrated'; fromChatId: string; toChatId: string }
  | { kind: 'ignored' };

/**
 * Translates a Telegram update into the channel-neutral shape: text, a button tap (decoded from
 * callback data), a photo (largest size, with its album), or something we cannot read. It
 * decides nothing: what the message means for a check-in is the service's business. `now` is
 * the server's clock when the update arrived: a message's own date is never trusted (a
 * future-dated one would otherwise hold its reply's claim until that date).
 */
export function translateUpdate(update: Update, now: Date = new Date()): TelegramUpdateMeaning {
  const externalId = String(update.update_id);
  const message = update.message ?? update.edited_message;
  if (message?.migrate_to_chat_id !== undefined) {
    return { kind: 'chat_migrated', fromChatId: String(message.chat.id), toChatId: String(message.migrate_to_chat_id) };
  }
  if (message && message.from && !message.from.is_bot && update.message) {
    // The message's own date is the sender's claim; only the moment we receive it decides anything.
    const receivedAt = now;
    const from = { externalUserId: String(message.from.id), chatId: String(message.chat.id), displayName: nameOf(message.from) };
    const chat = chatKindOf(message.chat.type);
    if (message.text !== undefined) return { kind: 'inbound', event: { channel: 'telegram', externalId, receivedAt, from, ...chat, message: { type: 'text', text: message.text } } };
    if (message.photo && message.photo.length > 0) {
      const largest = message.photo.reduce((a, b) => ((b.width * b.height > a.width * a.height) ? b : a));
      return {
        kind: 'inbound',
        event: {
          channel: 'telegram', externalId, receivedAt, from, ...chat,
          message: { type: 'photo', fileRef: largest.file_id, ...(message.media_group_id ? { mediaGroupId: message.media_group_id } : {}) },
        },
      };
    }
    return { kind: 'inbound', event: { channel: 'telegram', externalId, receivedAt, from, ...chat, message: { type: 'unsupported' } } };
  }
  const callback = update.callback_query;
  if (callback) {
    const chatId = callback.message?.chat.id ?? callback.from.id;
    const decoded = decodeCallbackData(callback.data ?? '');
    const from = { externalUserId: String(callback.from.id), chatId: String(chatId), displayName: nameOf(callback.from) };
    // A tap has no date of its own: the moment we receive it is when it happened.
    return {
      kind: 'inbound',
      event: {
        channel: 'telegram', externalId, receivedAt: now, from, ...chatKindOf(callback.message?.chat.type ?? 'private'),
        message: decoded ? { type: 'choice', value: decoded.value } : { type: 'unsupported' },
        ...(decoded?.conversationId !== undefined ? { button: { conversationId: decoded.conversationId, version: decoded.version! } } : {}),
      },
      callback: { id: callback.id, chatId, messageId: callback.message?.message_id },
    };
  }
  const member = update.my_chat_member;
  if (member && member.chat.type === 'private') {
    const status = member.new_chat_member.status;
    const externalUserId = String(member.from.id);
    if (status === 'kicked') return { kind: 'blocked', externalUserId, at: now };
    if (status === 'member') {
      return {
        kind: 'unblocked',
        event: {
          channel: 'telegram', externalId, receivedAt: now,
          from: { externalUserId, chatId: String(member.chat.id), displayName: nameOf(member.from) },
          message: { type: 'unsupported' },
        },
      };
    }
  }
  return { kind: 'ignored' };
}

/** Telegram allows 64 bytes of callback data; the encoding is shared by every channel's buttons. */
export { BUTTON_DATA_LIMIT as CALLBACK_DATA_LIMIT, decodeButtonData as decodeCallbackData, encodeButtonData as encodeCallbackData } from '../../core/button-data.js';

/** Only a private chat is a conversation; a group, supergroup or channel is read by others. */
function chatKindOf(type: string): { chatKind?: 'group' } {
  return type === 'private' ? {} : { chatKind: 'group' };
}

function nameOf(user: { first_name: string; last_name?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
}
