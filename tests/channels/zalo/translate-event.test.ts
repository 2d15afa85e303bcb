import { describe, expect, it } from 'vitest';
import { isFreshZaloEvent, keyOfZaloEvent, translateZaloEvent, type ZaloEvent } from '../../../src/channels/zalo/translate-event.js';

const at = '1795312800000';
/** Received when it was sent: the server's clock decides, the event's timestamp only says whether it is fresh. */
const translate = (event: ZaloEvent) => translateZaloEvent(event, new Date(Number(at)));

describe('translateZaloEvent', () => {
  it('reads typed text, and a tapped button from its payload', () => {
    expect(translate({ event_name: 'user_send_text', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'm1', text: 'hai cuộc' } })).toMatchObject({
      kind: 'inbound',
      event: { channel: 'zalo', externalId: 'm1', from: { externalUserId: 'u1', chatId: 'u1' }, message: { type: 'text', text: 'hai cuộc' }, receivedAt: new Date(Number(at)) },
    });
    const tap = translate({ event_name: 'user_send_text', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'm2', text: '#12.3.ans:yes' } });
    expect(tap).toMatchObject({ kind: 'inbound', event: { message: { type: 'choice', value: 'ans:yes' }, button: { conversationId: 12, version: 3 } } });
    // A "#" that is not our payload is just text.
    expect(translate({ event_name: 'user_send_text', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'm3', text: '#hashtag' } })).toMatchObject({ event: { message: { type: 'text', text: '#hashtag' } } });
  });

  it('keeps a photo by its URL, treats a follow as /start and an unfollow as leaving, and a sticker as unreadable', () => {
    expect(translate({ event_name: 'user_send_image', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'm4', attachments: [{ type: 'image', payload: { url: 'https://photo.zdn.vn/a.jpg' } }] } })).toMatchObject({
      event: { message: { type: 'photo', fileRef: 'https://photo.zdn.vn/a.jpg' } },
    });
    expect(translate({ event_name: 'follow', timestamp: at, follower: { id: 'u2' } })).toMatchObject({ kind: 'inbound', event: { externalId: `follow:u2:${at}`, message: { type: 'text', text: '/start' } } });
    expect(translate({ event_name: 'unfollow', timestamp: at, follower: { id: 'u2' } })).toEqual({ kind: 'unfollowed', externalUserId: 'u2', at: new Date(Number(at)) });
    expect(translate({ event_name: 'user_send_sticker', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'm5' } })).toMatchObject({ event: { message: { type: 'unsupported' } } });
  });

  it("ignores the OA's own echoes and events that carry no sender or message id", () => {
    expect(keyOfZaloEvent({ event_name: 'oa_send_text', sender: { id: 'oa' }, message: { msg_id: 'm6', text: 'x' } })).toBeNull();
    expect(keyOfZaloEvent({ event_name: 'user_send_text', sender: { id: 'u1' }, message: { text: 'x' } })).toBeNull();
    expect(keyOfZaloEvent({ event_name: 'user_seen_message' })).toBeNull();
    expect(translate({ event_name: 'oa_send_text' }).kind).toBe('ignored');
  });

  it('takes the server\'s clock, not the event\'s, and accepts a signed event only within the window either side', () => {
    const now = new Date(Number(at));
    const yearAgo = String(Number(at) - 365 * 86_400_000);
    const event = { event_name: 'user_send_text', timestamp: yearAgo, sender: { id: 'u1' }, message: { msg_id: 'm9', text: 'x' } };
    expect(translateZaloEvent(event, now)).toMatchObject({ event: { receivedAt: now } });
    const window = 10 * 60_000;
    expect(isFreshZaloEvent(event, now, window)).toBe(false);
    expect(isFreshZaloEvent({ ...event, timestamp: String(Number(at) + 30 * 86_400_000) }, now, window)).toBe(false);
    expect(isFreshZaloEvent({ ...event, timestamp: String(Number(at) + window) }, now, window)).toBe(true);
    expect(isFreshZaloEvent({ ...event, timestamp: String(Number(at) - window) }, now, window)).toBe(true);
    expect(isFreshZaloEvent({ ...event, timestamp: 'soon' }, now, window)).toBe(false);
  });

  it('marks a message written in an OA group chat as a group message (never a conversation)', () => {
    expect(translate({ event_name: 'user_send_group_text', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'g1', text: '/xuat' } })).toMatchObject({ kind: 'inbound', event: { chatKind: 'group' } });
    expect(translate({ event_name: 'user_send_text', timestamp: at, sender: { id: 'u1' }, message: { msg_id: 'p1', text: '/xuat' } })).not.toMatchObject({ event: { chatKind: 'group' } });
  });
});
