import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleKind } from '../../src/core/domain.js';
import { NotFoundError } from '../../src/core/errors.js';
import { vi as messages } from '../../src/core/messages/vi.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { handleInbound } from '../../src/services/inbound.js';
import { createInvitation } from '../../src/services/invite.js';
import { endRole, RoleAmbiguousError, RoleNotHeldError } from '../../src/services/roles.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';
import { createFreshUnit } from '../helpers/fresh-unit.js';
import { SCRIPT } from '../helpers/reliability-fixtures.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

/**
 * Ending a role (the admin's `role end`, the console's button): the person hears nothing more
 * about the unit, a check-in they had begun stops with a kind word, and whoever reports next
 * goes on from its answers instead of starting again.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-21T03:00:00Z');
const cli = { actorKind: 'cli' as const };
let handle: DatabaseHandle;
let updateId = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now, timeZone });
}, SLOW_TEST_TIMEOUT_MS);
afterAll(() => handle.close());

/** A Telegram user; `say` returns the texts the bot queued in reply. */
function user(id: string, name: string) {
  return {
    say: async (text: string) => {
      updateId += 1;
      const outcome = await handleInbound(
        handle.db,
        { channel: 'telegram', externalId: `roles-${updateId}`, receivedAt: now, from: { externalUserId: id, chatId: id, displayName: name }, message: { type: 'text', text } },
        { timeZone },
      );
      const rows = outcome.outboxIds.length ? await handle.db.select().from(t.outboundMessages).orderBy(asc(t.outboundMessages.id)) : [];
      return rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => (r.payload as OutboundPayload).text);
    },
  };
}

async function join(who: ReturnType<typeof user>, unitCode: string, role: RoleKind = 'secretary') {
  const { code } = await createInvitation(handle.db, { unitCode, role, days: 14, now });
  expect((await who.say(`/start ${code}`))[0]).toContain('Chào mừng');
}

async function accountOf(externalUserId: string) {
  const [account] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, externalUserId));
  return account!;
}

async function setPhone(externalUserId: string, phone: string) {
  await handle.db.execute(sql`update people set phone = ${phone} where id = (select person_id from channel_accounts where external_user_id = ${externalUserId})`);
}

describe('ending a role', () => {
  it('stops the notices and the check-in of the person who held it, kindly, and the successor goes on from their answers', async () => {
    const unit = await createFreshUnit(handle.db, 'RE.HAND');
    const lan = user('81001', 'Trần Thị Lan');
    await join(lan, unit);
    for (const text of SCRIPT.slice(0, 4)) await lan.say(text); // meetings 1, attendance 17/19
    const account = await accountOf('81001');
    const [unitRow] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, unit));
    await handle.db.insert(t.outboundMessages).values({
      accountId: account.id, purpose: 'reminder', dedupeKey: 'roles-test-reminder',
      payload: { notice: 'reminder', params: { person: 'Trần Thị Lan', unit: unitRow!.name, unitId: unitRow!.id, period: '11/2026', due: '25/11/2026', daysLeft: 3, started: true } },
      nextAttemptAt: new Date(now.getTime() + 3_600_000),
    });

    const ended = await handle.db.transaction((tx) => endRole(tx, { unitCode: unit, role: 'secretary', now, actor: cli }));
    expect(ended).toMatchObject({ fullName: 'Trần Thị Lan', closedCheckins: 1, cancelledNotices: 1 });

    const toLan = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.accountId, account.id)).orderBy(asc(t.outboundMessages.id));
    expect(toLan.find((m) => m.dedupeKey === 'roles-test-reminder')?.status).toBe('cancelled');
    expect(toLan.at(-1)!.payload).toEqual({ text: messages.roleChange.checkinHandedOver(unitRow!.name) });
    // Her next answer is not taken, and /baocao offers her nothing for the unit any more.
    expect(await lan.say(SCRIPT[4]!)).toEqual([messages.menu.noUnit]);
    expect(await lan.say('/baocao')).toEqual([messages.menu.noUnit]);
    const [audit] = await queryRows<{ details: { role: string; after: { endedAt: string } } }>(
      handle.db,
      sql`select details from audit_log where action = 'role.end' and entity_id = ${String(ended.personId)}`,
    );
    expect(audit!.details).toMatchObject({ role: 'secretary', after: { endedAt: now.toISOString() } });

    // The successor starts where she stopped: the meeting and the attendance are already there.
    const binh = user('81002', 'Đỗ Văn Bình');
    await join(binh, unit);
    const opened = await binh.say('/baocao');
    expect(opened[0]).toBe(messages.roleChange.continuing(unitRow!.name));
    for (const text of SCRIPT.slice(4, -1)) await binh.say(text);
    expect((await binh.say('gửi báo cáo'))[0]).toContain('Đã gửi báo cáo tháng');
    const [report] = await handle.db.select().from(t.reports).where(eq(t.reports.unitId, unitRow!.id));
    expect(report).toMatchObject({ status: 'submitted', meetingsHeld: 1, membersPresent: 17, membersTotal: 19 });
  }, SLOW_TEST_TIMEOUT_MS);

  it('asks whose role when several hold it, ends the one with the given phone, and refuses what is not held', async () => {
    const unit = await createFreshUnit(handle.db, 'RE.TWO');
    await join(user('82001', 'Ngô Văn Một'), unit, 'deputy');
    await join(user('82002', 'Ngô Văn Hai'), unit, 'deputy');
    await setPhone('82001', '0912345678');
    await setPhone('82002', '0987654321');

    const ambiguous = await handle.db.transaction((tx) => endRole(tx, { unitCode: unit, role: 'deputy', now, actor: cli })).catch((e: unknown) => e);
    expect(ambiguous).toBeInstanceOf(RoleAmbiguousError);
    expect((ambiguous as RoleAmbiguousError).holders.map((h) => h.fullName)).toEqual(['Ngô Văn Hai', 'Ngô Văn Một']);

    const ended = await handle.db.transaction((tx) => endRole(tx, { unitCode: unit, role: 'deputy', phone: '0912 345 678', now, actor: cli }));
    expect(ended.fullName).toBe('Ngô Văn Một');
    // Ended once: a second try (another operator, a retried command) finds no such holder.
    await expect(handle.db.transaction((tx) => endRole(tx, { unitCode: unit, role: 'deputy', phone: '0912345678', now, actor: cli }))).rejects.toBeInstanceOf(RoleNotHeldError);
    await expect(handle.db.transaction((tx) => endRole(tx, { unitCode: unit, role: 'secretary', now, actor: cli }))).rejects.toBeInstanceOf(RoleNotHeldError);
    await expect(handle.db.transaction((tx) => endRole(tx, { unitCode: 'KHONG.CO', role: 'secretary', now, actor: cli }))).rejects.toBeInstanceOf(NotFoundError);
    // The other deputy still reports for the unit.
    const [still] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from unit_roles ur join org_units u on u.id = ur.unit_id where u.code = ${unit} and ur.ended_at is null`);
    expect(still!.n).toBe(1);
  }, SLOW_TEST_TIMEOUT_MS);
});
