import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../src/delivery/dispatcher.js';
import type { ChannelSender, Recipient } from '../../src/delivery/port.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { createLogger } from '../../src/log.js';
import { handleInbound } from '../../src/services/inbound.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';

/** A unit that has stopped («ngừng hoạt động»): its secretary is not asked for the month, and a reminder already on its way is not sent. */

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-21T03:00:00Z'); // 10:00 on 21/11/2026 in Việt Nam
let handle: DatabaseHandle;
let updateId = 0;

beforeEach(async () => {
  handle = await createDemoOnTelegram(timeZone);
});
afterEach(async () => {
  await handle.close();
});

/** The demo's secretary of a chi bộ with a model, with their Telegram account. */
async function aSecretary() {
  const [row] = await handle.db
    .select({ unitId: t.orgUnits.id, unitName: t.orgUnits.name, accountId: t.channelAccounts.id, externalUserId: t.channelAccounts.externalUserId })
    .from(t.unitRoles)
    .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.unitRoles.unitId))
    .innerJoin(t.channelAccounts, eq(t.channelAccounts.personId, t.unitRoles.personId))
    .innerJoin(t.models, and(eq(t.models.unitId, t.orgUnits.id), eq(t.models.status, 'active')))
    .where(and(eq(t.unitRoles.role, 'secretary'), isNull(t.unitRoles.endedAt), isNull(t.orgUnits.dissolvedOn)))
    .limit(1);
  return row!;
}

async function say(externalUserId: string, text: string): Promise<string[]> {
  updateId += 1;
  const outcome = await handleInbound(
    handle.db,
    { channel: 'telegram', externalId: `stopped-${updateId}`, receivedAt: now, from: { externalUserId, chatId: externalUserId, displayName: null }, message: { type: 'text', text } },
    { timeZone },
  );
  const rows = await handle.db.select().from(t.outboundMessages);
  return rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => (r.payload as OutboundPayload).text);
}

const stop = (unitId: number, on: string) => handle.db.update(t.orgUnits).set({ dissolvedOn: on }).where(eq(t.orgUnits.id, unitId));

describe('a unit that has stopped', () => {
  it('does not ask its secretary for this month: /baocao says since when, and no draft report is made', async () => {
    const s = await aSecretary();
    await stop(s.unitId, '2026-11-21');
    const reply = await say(s.externalUserId, '/baocao');
    expect(reply.join('\n')).toContain(`${s.unitName} đã ngừng hoạt động từ ngày 21/11/2026, nên không cần báo cáo tháng này nữa.`);
    const drafts = await handle.db.select().from(t.reports).where(and(eq(t.reports.unitId, s.unitId), eq(t.reports.status, 'draft')));
    expect(drafts).toHaveLength(0);
  });

  it('still asks when it stops on a later day', async () => {
    const s = await aSecretary();
    await stop(s.unitId, '2026-11-22');
    const reply = (await say(s.externalUserId, '/baocao')).join('\n');
    expect(reply).not.toContain('ngừng hoạt động');
    expect(reply).toContain('11/2026');
  });

  it('cancels a reminder that was already queued when it stopped, and sends nothing', async () => {
    const s = await aSecretary();
    const [queued] = await handle.db
      .insert(t.outboundMessages)
      .values({
        accountId: s.accountId, purpose: 'reminder', dedupeKey: 'stopped-reminder', nextAttemptAt: now,
        payload: { notice: 'reminder', params: { person: 'X', unit: s.unitName, unitId: s.unitId, period: '11/2026', due: '25/11/2026', daysLeft: 4, started: false } },
      })
      .returning();
    await stop(s.unitId, '2026-11-21');
    const delivered: string[] = [];
    const sender: ChannelSender = {
      channel: 'telegram',
      async send(_to: Recipient, payload: OutboundPayload) {
        delivered.push(payload.text);
        return { externalMessageId: String(delivered.length) };
      },
    };
    const dispatcher = new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: () => now, log: createLogger('silent'), timeZone });
    await dispatcher.drain();
    const [row] = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.id, queued!.id));
    expect(row!.status).toBe('cancelled');
    expect(delivered).toEqual([]);
  });
});
