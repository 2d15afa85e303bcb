import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/core/errors.js';
import { addDeadline, cancelDeadline, DeadlineRefusedError, listDeadlines } from '../../src/services/deadlines.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-12-03T03:00:00Z');
const actor = { actorKind: 'cli' as const };
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now, timeZone });
}, SLOW_TEST_TIMEOUT_MS);
afterAll(() => handle.close());

describe('review deadlines run by an admin', () => {
  it('adds one to an organisation, lists it with the calendar’s notice days, and cancels it with its waiting notices', async () => {
    const before = (await listDeadlines(handle.db, { orgCode: 'KT' })).deadlines.length;
    const added = await handle.db.transaction((tx) =>
      addDeadline(tx, { orgCode: 'KT', request: { kind: 'so-ket', due: '2027-07-15', from: '2027-01', to: '2027-06' }, now, timeZone, actor }),
    );
    const listed = await listDeadlines(handle.db, { orgCode: 'KT' });
    expect(listed.deadlines).toHaveLength(before + 1);
    expect(listed.deadlines.at(-1)).toMatchObject({ id: added.id, title: 'Sơ kết 01/2027–06/2027', coversFrom: '2027-01-01', coversTo: '2027-06-30' });
    expect(listed.noticeDays).toEqual([14, 7, 3, 1]);

    // A notice of it already queued and not sent goes with it; one already sent stays as it was.
    const [account] = await handle.db.insert(t.channelAccounts).values({ channel: 'telegram', externalUserId: '91001', chatId: '91001' }).returning();
    await handle.db.insert(t.outboundMessages).values([
      { accountId: account!.id, purpose: 'review', dedupeKey: `review:${added.id}:d14:u1:a${account!.id}`, payload: { notice: 'review' }, nextAttemptAt: now },
      { accountId: account!.id, purpose: 'review', dedupeKey: `review:${added.id}:d7:u1:a${account!.id}`, payload: { notice: 'review' }, status: 'sent', sentAt: now, nextAttemptAt: now },
    ]);
    const cancelled = await handle.db.transaction((tx) => cancelDeadline(tx, { id: added.id, now, actor }));
    expect(cancelled.cancelledNotices).toBe(1);
    expect(await handle.db.select().from(t.reviewDeadlines).where(eq(t.reviewDeadlines.id, added.id))).toEqual([]);
    const audit = await queryRows<{ action: string }>(handle.db, sql`select action from audit_log where entity_type = 'review_deadline' and entity_id = ${String(added.id)} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['deadline.add', 'deadline.cancel']);
    await expect(handle.db.transaction((tx) => cancelDeadline(tx, { id: added.id, now, actor }))).rejects.toBeInstanceOf(NotFoundError);
  }, SLOW_TEST_TIMEOUT_MS);

  it('refuses a deadline in the past and one for a unit that is not an organisation, writing nothing', async () => {
    const count = async () => (await handle.db.select().from(t.reviewDeadlines)).length;
    const before = await count();
    const past = await handle.db
      .transaction((tx) => addDeadline(tx, { orgCode: 'KT', request: { kind: 'tong-ket', due: '2026-11-30', from: '2026-01', to: '2026-11' }, now, timeZone, actor }))
      .catch((e: unknown) => e);
    expect(past).toBeInstanceOf(DeadlineRefusedError);
    expect((past as DeadlineRefusedError).problem).toBe('due-in-past');
    await expect(
      handle.db.transaction((tx) => addDeadline(tx, { orgCode: 'KT.KONRAY', request: { kind: 'so-ket', due: '2027-07-15', from: '2027-01', to: '2027-06' }, now, timeZone, actor })),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await count()).toBe(before);
  }, SLOW_TEST_TIMEOUT_MS);
});
