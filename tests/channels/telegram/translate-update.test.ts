import { describe, expect, it } from 'vitest';
import { splitText, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/telegram-sender.js';
import { decodeCallbackData, encodeCallbackData, translateUpdate } from '../../../src/channels/telegram/translate-update.js';
import { telegramUser } from '../../helpers/fake-telegram.js';

describe('Telegram translation', () => {
  it('reads text, the largest size of a photo with its album, and a tapped button', () => {
    const user = telegramUser(42, 'Hải');
    const text = translateUpdate(user.text('17/19') as never);
    expect(text).toMatchObject({ kind: 'inbound', event: { channel: 'telegram', from: { externalUserId: '42', chatId: '42', displayName: 'Hải' }, message: { type: 'text', text: '17/19' } } });
    const photo = translateUpdate(user.photo('big-file', 'album-1') as never);
    expect(photo).toMatchObject({ kind: 'inbound', event: { message: { type: 'photo', fileRef: 'big-file', mediaGroupId: 'album-1' } } });
    const tap = translateUpdate(user.tap(encodeCallbackData('ans:on_track', { id: 12, version: 3 }), 555) as never);
    expect(tap).toMatchObject({
      kind: 'inbound',
      event: { message: { type: 'choice', value: 'ans:on_track' }, button: { conversationId: 12, version: 3 } },
      callback: { chatId: 42, messageId: 555 },
    });
    expect(translateUpdate(user.sticker() as never)).toMatchObject({ kind: 'inbound', event: { message: { type: 'unsupported' } } });
    expect(translateUpdate(user.blocks() as never)).toMatchObject({ kind: 'blocked', externalUserId: '42' });
  });

  it('keeps callback data within 64 bytes and refuses data it never issued', () => {
    const data = encodeCallbackData('ans:Không có', { id: 123456789, version: 999 });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decodeCallbackData(data)).toEqual({ value: 'ans:Không có', conversationId: 123456789, version: 999 });
    expect(() => encodeCallbackData('x'.repeat(80))).toThrow(RangeError);
    expect(decodeCallbackData('')).toBeNull();
    expect(decodeCallbackData('garbage-without-dot')).toBeNull();
  });

  it('follows a group that became a supergroup', () => {
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: -100, type: 'group', title: 'Chi bộ' }, migrate_to_chat_id: -1001234 } };
    expect(translateUpdate(update as never)).toEqual({ kind: 'chat_migrated', fromChatId: '-100', toChatId: '-1001234' });
  });

  it('splits a long summary at line breaks under the 4096-character limit', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• Dòng ${i}: ${'nội dung '.repeat(4)}`);
    const parts = splitText(lines.join('\n'), TELEGRAM_TEXT_LIMIT);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    const oneHugeLine = 'x'.repeat(9000);
    expect(splitText(oneHugeLine, TELEGRAM_TEXT_LIMIT).map((p) => p.length)).toEqual([4096, 4096, 808]);
  });
});
