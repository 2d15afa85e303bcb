import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as messages } from '../../../src/core/messages/vi.js';
import type { OutboundPayload } from '../../../src/delivery/payload.js';
import { runTick } from '../../../src/jobs/run-tick.js';
import { handleInbound } from '../../../src/services/inbound.js';
import { createInvitation } from '../../../src/services/invite.js';
import { queryRows, wrapPool, type Database, type DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { testEngine } from '../../helpers/database.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { createFreshUnit } from '../../helpers/fresh-unit.js';
import { SCRIPT } from '../../helpers/reliability-fixtures.js';
import { SLOW_TEST_TIMEOUT_MS } from '../../helpers/timeouts.js';
import { makeAdmin, webConsole } from '../../helpers/web-console.js';

/**
 * A role ended in the console takes effect on every instance at once: another instance on the same
 * database (on PostgreSQL its own pool of connections, so its own caches) queues no reminder for
 * the person at its next tick and refuses their next answer. On PGlite both "instances" share one
 * connection; the test is meant for PostgreSQL (TEST_DATABASE_URL, as .ci/run does).
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-11-21T03:00:00Z');
const reminderAt = new Date('2026-11-22T01:00:00Z'); // 22/11 08:00 in Vietnam: the D-3 reminder
let handle: DatabaseHandle;
let other: { db: Database; close: () => Promise<void> };
let updateId = 0;

beforeAll(async () => {
  handle = await createDemoOnTelegram(timeZone);
  const url = handle.pool ? (handle.pool.options as { connectionString: string }).connectionString : null;
  other = url ? wrapPool(new pg.Pool({ connectionString: url, max: 2 })) : { db: handle.db, close: async () => undefined };
}, SLOW_TEST_TIMEOUT_MS);
afterAll(async () => {
  if (other.db !== handle.db) await other.close();
  await handle.close();
});

/** A Telegram user talking to the other instance. */
function userOnOtherInstance(id: string, name: string) {
  return async (text: string, at = start) => {
    updateId += 1;
    const outcome = await handleInbound(other.db, { channel: 'telegram', externalId: `rei-${updateId}`, receivedAt: at, from: { externalUserId: id, chatId: id, displayName: name }, message: { type: 'text', text } }, { timeZone });
    const rows = outcome.outboxIds.length ? await other.db.select().from(t.outboundMessages).orderBy(asc(t.outboundMessages.id)) : [];
    return rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => (r.payload as OutboundPayload).text);
  };
}

describe('a role ended in the console, seen by another instance', () => {
  it('stops the next reminder and refuses the next answer there', async () => {
    expect(['postgres', 'pglite']).toContain(testEngine);
    const endedUnit = await createFreshUnit(handle.db, 'REI.END');
    const keptUnit = await createFreshUnit(handle.db, 'REI.KEEP');
    const lan = userOnOtherInstance('91001', 'Trần Thị Lan');
    const binh = userOnOtherInstance('91002', 'Đỗ Văn Bình');
    for (const [say, unit] of [[lan, endedUnit], [binh, keptUnit]] as const) {
      const { code } = await createInvitation(handle.db, { unitCode: unit, role: 'secretary', days: 14, now: start });
      expect((await say(`/start ${code}`))[0]).toContain('Chào mừng');
    }
    // Lan is half-way through her check-in on the other instance.
    for (const text of SCRIPT.slice(0, 4)) await lan(text);

    // The admin ends her role in the console (this instance).
    const web = webConsole(handle.db, start);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT'));
    const [lanPerson] = await queryRows<{ person_id: number }>(handle.db, sql`select person_id from channel_accounts where external_user_id = '91001'`);
    const page = await (await admin.get(`/quan-tri/can-bo/${lanPerson!.person_id}`)).text();
    const action = /action="(\/quan-tri\/can-bo\/vai-tro\/\d+\/thoi)"/.exec(page)![1]!;
    expect((await admin.post(action, {})).status).toBe(303);

    // Her next answer, on the other instance, is not taken.
    expect(await lan(SCRIPT[4]!)).toEqual([messages.menu.noUnit]);

    // The other instance's next tick reminds Bình and not Lan.
    await runTick(other.db, { now: reminderAt, timeZone });
    const reminders = await queryRows<{ external_user_id: string }>(
      other.db,
      sql`select a.external_user_id from outbound_messages o join channel_accounts a on a.id = o.account_id
           where o.payload->>'notice' = 'reminder' and a.external_user_id in ('91001', '91002')`,
    );
    expect(reminders.map((r) => r.external_user_id)).toEqual(['91002']);
    // She was told kindly that the check-in was handed over.
    const [account] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, '91001'));
    const toLan = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.accountId, account!.id));
    expect(toLan.some((m) => (m.payload as OutboundPayload).text === messages.roleChange.checkinHandedOver('Chi bộ thử REI.END'))).toBe(true);
  }, SLOW_TEST_TIMEOUT_MS);
});
