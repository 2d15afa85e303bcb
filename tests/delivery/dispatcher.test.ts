import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type ChannelSender, type Recipient } from '../../src/delivery/port.js';
import { createLogger } from '../../src/log.js';
import { MAX_ATTEMPTS, OutboxDispatcher } from '../../src/delivery/dispatcher.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { touchAccount } from '../../src/storage/queries/channel-accounts.js';
import { CLAIM_LEASE_MS, claimDueOutbound, enqueueOutbound } from '../../src/storage/queries/outbound-messages.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
let clock: Date;
beforeEach(async () => {
  handle = await createTestDatabase();
  clock = new Date('2026-11-21T03:00:00Z');
});
afterEach(async () => {
  await handle.close();
});

/** A channel whose answers the test scripts, one per send, recording what was delivered. */
class ScriptedSender implements ChannelSender {
  readonly channel = 'telegram' as const;
  readonly delivered: { chatId: string; text: string }[] = [];
  constructor(private readonly script: (Error | null)[] = []) {}
  async send(to: Recipient, payload: OutboundPayload) {
    const next = this.script.shift();
    if (next) throw next;
    this.delivered.push({ chatId: to.chatId, text: payload.text });
    return { externalMessageId: String(this.delivered.length) };
  }
}

async function queue(texts: string[], chatId = '42') {
  const account = await touchAccount(handle.db, { channel: 'telegram', externalUserId: chatId, chatId, at: clock });
  const ids = (
    await enqueueOutbound(
      handle.db,
      texts.map((text, i) => ({ accountId: account.id, purpose: 'reply', dedupeKey: `${chatId}:${text}:${i}`, payload: { text } })),
      clock,
    )
  ).map((m) => m.id);
  return { account, ids };
}

function dispatcher(sender: ChannelSender) {
  return new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: () => clock, log: createLogger('silent'), timeZone: 'Asia/Ho_Chi_Minh' });
}

async function row(id: number) {
  const [r] = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.id, id));
  return r!;
}

describe('delivering the outbox', () => {
  it('sends one person\'s messages in the order they were queued and records them as sent', async () => {
    const sender = new ScriptedSender();
    const { ids } = await queue(['một', 'hai', 'ba']);
    expect(await dispatcher(sender).dispatch(ids)).toBe(3);
    expect(sender.delivered.map((d) => d.text)).toEqual(['một', 'hai', 'ba']);
    expect(await row(ids[0]!)).toMatchObject({ status: 'sent', attempts: 1, externalMessageId: '1' });
    expect(await dispatcher(sender).dispatch(ids)).toBe(0);
  });

  it('waits as long as the channel asks after a rate limit, then delivers', async () => {
    const sender = new ScriptedSender([new ChannelSendError('rate_limited', '429', { retryAfterMs: 7000 })]);
    const { ids } = await queue(['nhắc']);
    await dispatcher(sender).dispatch(ids);
    expect(await row(ids[0]!)).toMatchObject({ status: 'pending', nextAttemptAt: new Date(clock.getTime() + 7000) });
    clock = new Date(clock.getTime() + 6000);
    expect(await dispatcher(sender).dispatch()).toBe(0);
    clock = new Date(clock.getTime() + 1000);
    expect(await dispatcher(sender).dispatch()).toBe(1);
    expect(sender.delivered).toHaveLength(1);
  });

  it('stops writing to a person who blocked the bot', async () => {
    const sender = new ScriptedSender([new ChannelSendError('blocked', '403 bot was blocked by the user')]);
    const { ids, account } = await queue(['a', 'b']);
    await dispatcher(sender).dispatch(ids);
    expect(await row(ids[0]!)).toMatchObject({ status: 'failed' });
    expect(await row(ids[1]!)).toMatchObject({ status: 'failed', lastError: 'account blocked' });
    const [stored] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.id, account.id));
    expect(stored!.blockedAt).not.toBeNull();
  });

  it('retries a failing channel with growing waits and gives up after the last attempt', async () => {
    const failures = Array.from({ length: MAX_ATTEMPTS }, () => new ChannelSendError('transient', '502'));
    const sender = new ScriptedSender(failures);
    const { ids } = await queue(['x']);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await dispatcher(sender).dispatch();
      const r = await row(ids[0]!);
      if (r.status === 'pending') {
        waits.push(r.nextAttemptAt.getTime() - clock.getTime());
        clock = r.nextAttemptAt;
      }
    }
    expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(await row(ids[0]!)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(sender.delivered).toHaveLength(0);
  });

  it('sends again a message whose sender died after claiming it, once the lease is over', async () => {
    const { ids } = await queue(['sau sự cố']);
    await claimDueOutbound(handle.db, { now: clock, limit: 10 });
    const sender = new ScriptedSender();
    expect(await dispatcher(sender).dispatch()).toBe(0);
    clock = new Date(clock.getTime() + CLAIM_LEASE_MS);
    expect(await dispatcher(sender).dispatch()).toBe(1);
    expect(await row(ids[0]!)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('a payload that does not parse', () => {
  it('is failed for good with its row named, and the person\'s next message still goes', async () => {
    const sender = new ScriptedSender();
    const account = await touchAccount(handle.db, { channel: 'telegram', externalUserId: '77', chatId: '77', at: clock });
    const [broken, fine] = await enqueueOutbound(
      handle.db,
      [
        { accountId: account.id, purpose: 'reminder', dedupeKey: 'broken', payload: { notice: 'reminder', params: { unitId: 'x' } } },
        { accountId: account.id, purpose: 'reply', dedupeKey: 'fine', payload: { text: 'Chào đồng chí' } },
      ],
      clock,
    );
    await dispatcher(sender).dispatch();
    expect(await row(broken!.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(new RegExp(`^outbound_messages row ${broken!.id}: payload does not parse`)) });
    expect((await row(fine!.id)).status).toBe('sent');
    expect(sender.delivered).toEqual([{ chatId: '77', text: 'Chào đồng chí' }]);
    // Not tried again.
    clock = new Date(clock.getTime() + 3_600_000);
    await dispatcher(sender).dispatch();
    expect((await row(broken!.id)).attempts).toBe(1);
  });
});

describe('a fan-out longer than one batch', () => {
  /** A channel that holds every send until the test opens the gate. */
  class GatedSender implements ChannelSender {
    readonly channel = 'telegram' as const;
    readonly delivered: string[] = [];
    private open!: () => void;
    readonly gate = new Promise<void>((resolve) => (this.open = resolve));
    release() {
      this.open();
    }
    async send(to: Recipient) {
      await this.gate;
      this.delivered.push(to.chatId);
      return { externalMessageId: String(this.delivered.length) };
    }
  }

  /** Five reminders, one to each of five people. */
  async function queueReminders() {
    const ids: number[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const chatId = String(100 + i);
      const account = await touchAccount(handle.db, { channel: 'telegram', externalUserId: chatId, chatId, at: clock });
      const [m] = await enqueueOutbound(handle.db, [{ accountId: account.id, purpose: 'reminder', dedupeKey: `reminder:${chatId}`, payload: { text: 'Nhắc báo cáo' } }], clock);
      ids.push(m!.id);
    }
    return ids;
  }

  const statuses = async (ids: number[]) => Promise.all(ids.map(async (id) => (await row(id)).status));

  it('claims the next batch while the last sends of this one are under way, and sends each message once', async () => {
    const ids = await queueReminders();
    const sender = new GatedSender();
    const outbox = new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: () => clock, log: createLogger('silent'), timeZone: 'Asia/Ho_Chi_Minh', batchSize: 2 });
    const draining = outbox.drain();
    // The first two are being sent (held at the gate); the next two are already claimed.
    await expect.poll(() => statuses(ids), { timeout: 5000 }).toEqual(['sending', 'sending', 'sending', 'sending', 'pending']);
    sender.release();
    expect(await draining).toBe(5);
    expect(sender.delivered.sort()).toEqual(['101', '102', '103', '104', '105']);
    expect(await statuses(ids)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('puts a batch claimed ahead back in the queue, uncounted, when it stops', async () => {
    const ids = await queueReminders();
    const sender = new GatedSender();
    const outbox = new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: () => clock, log: createLogger('silent'), timeZone: 'Asia/Ho_Chi_Minh', batchSize: 2 });
    const first = outbox.dispatch();
    await expect.poll(() => statuses(ids), { timeout: 5000 }).toEqual(['sending', 'sending', 'sending', 'sending', 'pending']);
    const stopping = outbox.stop();
    sender.release();
    await Promise.all([first, stopping]);
    expect(await statuses(ids)).toEqual(['sent', 'sent', 'pending', 'pending', 'pending']);
    expect((await row(ids[2]!)).attempts).toBe(0);
    expect(sender.delivered.sort()).toEqual(['101', '102']);
  });
});
