import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleKind } from '../../src/core/domain.js';
import { vi as messages } from '../../src/core/messages/vi.js';
import { handleInbound } from '../../src/services/inbound.js';
import { createInvitation } from '../../src/services/invite.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';
import { createFreshUnit } from '../helpers/fresh-unit.js';
import { SCRIPT } from '../helpers/reliability-fixtures.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

/**
 * What a check-in says and does when the world changes under it: a role ended or an account
 * unbound mid-way (seen by the very next answer, whatever the fast path cached), a deputy and a
 * secretary of one unit both sending, and a first report sent after the due date.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let updateId = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now, timeZone });
}, SLOW_TEST_TIMEOUT_MS);
afterAll(() => handle.close());

/** A Telegram user; `say` returns the texts the bot queued in reply, `tap` presses a button of the last reply. */
function user(id: string, name: string) {
  let last: OutboundPayload | undefined;
  const send = async (message: { type: 'text'; text: string } | { type: 'choice'; value: string }, at = now) => {
    updateId += 1;
    const button = message.type === 'choice' && last?.conversationId !== undefined ? { button: { conversationId: last.conversationId, version: last.version! } } : {};
    const outcome = await handleInbound(handle.db, { channel: 'telegram', externalId: `cf-${updateId}`, receivedAt: at, from: { externalUserId: id, chatId: id, displayName: name }, message, ...button }, { timeZone });
    const rows = outcome.outboxIds.length ? await handle.db.select().from(t.outboundMessages).orderBy(asc(t.outboundMessages.id)) : [];
    const payloads = rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => r.payload as OutboundPayload);
    if (payloads.length) last = payloads.at(-1);
    return payloads.map((p) => p.text);
  };
  return {
    say: (text: string, at?: Date) => send({ type: 'text', text }, at),
    tap: (value: string, at?: Date) => send({ type: 'choice', value }, at),
    /** The button of the last reply, to tap again later (an old button still on screen). */
    keep: () => ({ conversationId: last!.conversationId!, version: last!.version! }),
    tapOld: async (value: string, button: { conversationId: number; version: number }) => {
      updateId += 1;
      const outcome = await handleInbound(handle.db, { channel: 'telegram', externalId: `cf-${updateId}`, receivedAt: now, from: { externalUserId: id, chatId: id, displayName: name }, message: { type: 'choice', value }, button }, { timeZone });
      return outcome.toSend.map((x) => (x.message.payload as OutboundPayload).text);
    },
  };
}

async function join(who: ReturnType<typeof user>, unitCode: string, role: RoleKind = 'secretary') {
  const { code } = await createInvitation(handle.db, { unitCode, role, days: 14, now });
  expect((await who.say(`/start ${code}`))[0]).toContain('Chào mừng');
}

async function stepOf(externalUserId: string): Promise<string | undefined> {
  const [row] = await queryRows<{ step: string }>(
    handle.db,
    sql`select c.step from conversations c join channel_accounts a on a.id = c.account_id where a.external_user_id = ${externalUserId} order by c.id desc limit 1`,
  );
  return row?.step;
}

async function reportOf(unitCode: string) {
  const [row] = await queryRows<{ version: number; submitted_by: string | null; status: string }>(
    handle.db,
    sql`select r.version, p.full_name as submitted_by, r.status from reports r join org_units u on u.id = r.unit_id
         left join people p on p.id = r.submitted_by_person_id where u.code = ${unitCode} order by r.id desc limit 1`,
  );
  return row;
}

describe('a check-in while roles and accounts change', () => {
  it('refuses the next answer kindly once the role ended or the account was unbound, and goes on when the role is back', async () => {
    const unit = await createFreshUnit(handle.db, 'CF.ROLE');
    const lan = user('71001', 'Trần Thị Lan');
    await join(lan, unit);
    for (const text of SCRIPT.slice(0, 4)) await lan.say(text);
    const step = await stepOf('71001');
    // The role ends (an operator, another instance): the fast path's cache knows nothing of it.
    await handle.db.execute(sql`update unit_roles set ended_at = now() where person_id = (select person_id from channel_accounts where external_user_id = '71001')`);
    expect(await lan.say(SCRIPT[4]!)).toEqual([messages.checkin.roleEnded('Chi bộ thử CF.ROLE')]);
    expect(await stepOf('71001')).toBe(step);
    await handle.db.execute(sql`update unit_roles set ended_at = null where person_id = (select person_id from channel_accounts where external_user_id = '71001')`);
    expect(await lan.say(SCRIPT[4]!)).not.toEqual([messages.checkin.roleEnded('Chi bộ thử CF.ROLE')]);
    const moved = await stepOf('71001');
    expect(moved).not.toBe(step);
    // The account is unbound: the next answer is not taken either.
    await handle.db.execute(sql`update channel_accounts set person_id = null where external_user_id = '71001'`);
    expect(await lan.say(SCRIPT[5]!)).toEqual([messages.onboarding.notRegistered]);
    expect(await stepOf('71001')).toBe(moved);
  }, SLOW_TEST_TIMEOUT_MS);

  it('tells the second of a secretary and a deputy who sent the report and when, and sends theirs only when asked again, as a new version', async () => {
    const unit = await createFreshUnit(handle.db, 'CF.PAIR');
    const secretary = user('72001', 'Lê Văn Bí');
    const deputy = user('72002', 'Phạm Thị Phó');
    await join(secretary, unit, 'secretary');
    await join(deputy, unit, 'deputy');
    for (const text of SCRIPT.slice(0, -1)) {
      await secretary.say(text);
      await deputy.say(text);
    }
    expect((await secretary.say('gửi báo cáo'))[0]).toContain('Đã gửi báo cáo tháng');
    expect(await reportOf(unit)).toEqual({ version: 1, submitted_by: 'Lê Văn Bí', status: 'submitted' });
    const told = await deputy.say('gửi báo cáo');
    expect(told).toEqual([messages.checkin.sentByAnother({ person: 'Lê Văn Bí', at: '10:00 ngày 21/11', period: '11/2026' })]);
    expect(await reportOf(unit)).toEqual({ version: 1, submitted_by: 'Lê Văn Bí', status: 'submitted' });
    expect((await deputy.tap('submit'))[0]).toContain('Đã gửi báo cáo tháng');
    expect(await reportOf(unit)).toEqual({ version: 2, submitted_by: 'Phạm Thị Phó', status: 'submitted' });
  }, SLOW_TEST_TIMEOUT_MS);

  it('after a first report sent past the due date, does not offer to edit it until a day that has passed', async () => {
    const unit = await createFreshUnit(handle.db, 'CF.LATE');
    const nam = user('73001', 'Hoàng Văn Nam');
    await join(nam, unit);
    for (const text of SCRIPT.slice(0, -1)) await nam.say(text);
    const [about] = await queryRows<{ due_at: string; due_label: string; period: string }>(
      handle.db,
      sql`select c.state -> 'about' ->> 'dueAt' as due_at, c.state -> 'about' ->> 'dueLabel' as due_label, c.state -> 'about' ->> 'periodLabel' as period
            from conversations c join channel_accounts a on a.id = c.account_id where a.external_user_id = '73001'`,
    );
    const afterDue = new Date(new Date(about!.due_at).getTime() + 86_400_000);
    const sent = await nam.say('gửi báo cáo', afterDue);
    expect(sent).toEqual([messages.checkin.submittedLate(about!.period, about!.due_label)]);
    expect(sent[0]).not.toContain('/sua');
    expect((await nam.say('/sua', afterDue))[0]).toBe(messages.menu.tooLateToEdit(about!.due_label));
  }, SLOW_TEST_TIMEOUT_MS);

  it('answers an old button with where things stand: the question waited on, or that the report was sent', async () => {
    const unit = await createFreshUnit(handle.db, 'CF.STALE');
    const tam = user('74001', 'Vũ Văn Tâm');
    await join(tam, unit);
    await tam.say('/baocao');
    const intro = tam.keep();
    const asked = await tam.say('bắt đầu');
    // The «Bắt đầu» button again: the question now waited on is asked again under the notice.
    expect(await tam.tapOld('start', intro)).toEqual([messages.menu.staleButton, asked.at(-1)]);
    for (const text of SCRIPT.slice(2, -1)) await tam.say(text);
    const summary = tam.keep();
    await tam.say('gửi báo cáo');
    expect(await tam.tapOld('submit', summary)).toEqual([messages.menu.staleAfterSubmit('11/2026')]);
  }, SLOW_TEST_TIMEOUT_MS);
});
