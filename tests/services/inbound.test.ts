import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckinInput } from '../../src/core/checkin/types.js';
import { handleInbound, type InboundEvent } from '../../src/services/inbound.js';
import { createInvitation } from '../../src/services/invite.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let updateId = 0;

beforeEach(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now: new Date('2026-11-21T03:00:00Z'), timeZone });
});
afterEach(async () => {
  await handle.close();
});

/** A Telegram user sending messages; each call returns the texts the bot queued in reply. */
function user(id: string, name = 'Nguyễn Văn Hải') {
  let lastPayload: OutboundPayload | undefined;
  const send = async (message: CheckinInput, extra: Partial<InboundEvent> = {}, at = now) => {
    updateId += 1;
    const event: InboundEvent = {
      channel: 'telegram',
      externalId: String(updateId),
      receivedAt: at,
      from: { externalUserId: id, chatId: id, displayName: name },
      message,
      ...extra,
    };
    const outcome = await handleInbound(handle.db, event, { timeZone });
    const rows = outcome.outboxIds.length
      ? await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.accountId, (await account(id))!.id)).orderBy(asc(t.outboundMessages.id))
      : [];
    const payloads = rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => r.payload as OutboundPayload);
    if (payloads.length) lastPayload = payloads.at(-1);
    return { outcome, texts: payloads.map((p) => p.text), event };
  };
  return {
    say: (text: string, at?: Date) => send({ type: 'text', text }, {}, at),
    /** Taps a button of the last message the bot sent. */
    tap: (value: string, at?: Date) =>
      send({ type: 'choice', value }, lastPayload?.conversationId ? { button: { conversationId: lastPayload.conversationId, version: lastPayload.version! } } : {}, at),
    replay: (event: InboundEvent) => handleInbound(handle.db, event, { timeZone }),
    last: () => lastPayload,
  };
}

async function account(id: string) {
  const [row] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, id));
  return row;
}

async function hklReport() {
  const [unit] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.HKL'));
  const rows = await handle.db.select().from(t.reports).where(eq(t.reports.unitId, unit!.id)).orderBy(asc(t.reports.id));
  return rows.at(-1)!;
}

async function inviteCode(unitCode = 'KT.KONRAY.HKL') {
  return (await createInvitation(handle.db, { unitCode, role: 'secretary', days: 14, now: new Date('2026-11-20T00:00:00Z') })).code;
}

describe('a secretary reports the month through the bot', () => {
  it('joins by invitation, answers every question, sends, and the report is stored with a version', async () => {
    // Start from a November with nothing sent yet for this unit, whatever the demo history holds.
    const [november] = await handle.db.select().from(t.periods).where(eq(t.periods.startsOn, '2026-11-01'));
    await handle.db.delete(t.reports).where(eq(t.reports.periodId, november!.id));
    const hai = user('5001');
    const joined = await hai.say(`/start ${await inviteCode()}`);
    expect(joined.texts[0]).toContain('Đồng chí đã được ghi nhận là bí thư của Chi bộ Hạt Kiểm lâm');

    const intro = await hai.say('/baocao');
    expect(intro.texts[0]).toContain('Đã đến kỳ báo cáo tháng 11/2026');
    expect(intro.texts[0]).toContain('hạn 25/11/2026');
    await hai.tap('start');
    await hai.say('1');
    await hai.say('17/19');
    await hai.tap('ans:no');
    const answers = ['2', '35 lượt', 'Đúng kế hoạch', 'Trồng thêm 200 cây', 'không có'];
    expect(hai.last()!.text).toContain('Mô hình 1/1 «Trồng cây cà phê tại thôn 4, xã Đăk Pne»');
    for (const a of answers) await hai.say(a);
    // The unit's Teak trial is completed, so the coffee plot is its only model asked about.
    expect((await hai.tap('done')).texts[0]).toContain('người tốt, việc tốt');
    await hai.say('không');
    await hai.say('không có');
    const summary = await hai.say('Đề nghị hỗ trợ giống cà phê');
    expect(summary.texts[0]).toContain('Tóm tắt báo cáo tháng 11/2026 – Chi bộ Hạt Kiểm lâm');
    const sent = await hai.tap('submit');
    expect(sent.texts[0]).toContain('Đã gửi báo cáo tháng 11/2026');

    const report = await hklReport();
    expect(report).toMatchObject({ status: 'submitted', version: 1, meetingsHeld: 1, membersPresent: 17, membersTotal: 19, themedSessionHeld: false, proposals: 'Đề nghị hỗ trợ giống cà phê' });
    const modelRows = await handle.db.select().from(t.modelAnswers).where(eq(t.modelAnswers.reportId, report.id));
    expect(modelRows[0]).toMatchObject({ activities: 2, participants: 35, progress: 'on_track', results: 'Trồng thêm 200 cây', difficulties: null });
    const versions = await handle.db.select().from(t.reportVersions).where(eq(t.reportVersions.reportId, report.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]?.editedByPersonId).toBe(report.submittedByPersonId);

    // Correcting before the due date keeps both versions.
    const edit = await hai.say('/sua');
    expect(edit.texts[0]).toContain('Tóm tắt');
    await hai.tap('edit');
    await hai.say('2');
    await hai.say('18/19');
    await hai.tap('submit');
    const corrected = await hklReport();
    expect(corrected).toMatchObject({ version: 2, membersPresent: 18 });
    expect(await handle.db.select().from(t.reportVersions).where(eq(t.reportVersions.reportId, report.id))).toHaveLength(2);
    const progress = await hai.say('/tiendo');
    expect(progress.texts[0]).toContain('đã gửi');
  });

  it('changes nothing when the same update is delivered twice', async () => {
    const hai = user('5002');
    const first = await hai.say(`/start ${await inviteCode('KT.KONRAY.DTL')}`);
    const again = await hai.replay(first.event);
    expect(again).toEqual({ duplicate: true, outboxIds: [], toSend: [] });
    expect(await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'invitation.redeem'))).toHaveLength(1);
  });

  it('records one answer for two fast taps on the same button', async () => {
    const hai = user('5003');
    await hai.say(`/start ${await inviteCode('KT.KONRAY.DTL')}`);
    await hai.say('/baocao');
    const stale = hai.last()!;
    const first = await hai.tap('start');
    expect(first.texts[0]).toContain('sinh hoạt thường kỳ');
    // The second tap carries the old version of the same message's button.
    const second = await hai.replay({
      channel: 'telegram', externalId: 'double-tap', receivedAt: now,
      from: { externalUserId: '5003', chatId: '5003' },
      message: { type: 'choice', value: 'start' },
      button: { conversationId: stale.conversationId!, version: stale.version! },
    });
    const [row] = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.id, second.outboxIds[0]!));
    expect((row!.payload as OutboundPayload).text).toContain('đã được trả lời');
    const [conversation] = await handle.db.select().from(t.conversations).where(eq(t.conversations.status, 'open'));
    expect(conversation!.step).toBe('asking:0');
  });

  it('refuses a wrong, a used and an expired invitation code with a clear answer', async () => {
    const code = await inviteCode();
    expect((await user('6001').say('/start ABCDEFGHJKMN')).texts[0]).toContain('Mã mời không đúng');
    await user('6002').say(code);
    expect((await user('6003').say(`/start ${code}`)).texts[0]).toContain('đã được dùng');
    const late = await createInvitation(handle.db, { unitCode: 'KT', role: 'leader', days: 1, now: new Date('2026-11-01T00:00:00Z') });
    expect((await user('6004').say(`/start ${late.code}`)).texts[0]).toContain('hết hạn ngày 02/11/2026');
    expect((await user('6005').say('xin chào')).texts[0]).toContain('liên kết mời');
  });

  it('processes a redelivery racing its original exactly once, and two answers racing each other both, in turn', async () => {
    const hai = user('5005');
    await hai.say(`/start ${await inviteCode('KT.KONRAY.DTL')}`);
    await hai.say('/baocao');
    await hai.tap('start');
    const event = (text: string, id: string): InboundEvent => ({
      channel: 'telegram', externalId: id, receivedAt: now, from: { externalUserId: '5005', chatId: '5005' }, message: { type: 'text', text },
    });
    const [a, b] = await Promise.all([hai.replay(event('1', 'race-1')), hai.replay(event('1', 'race-1'))]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    const [c, d] = await Promise.all([hai.replay(event('17/19', 'race-2')), hai.replay(event('có', 'race-3'))]);
    expect(c.duplicate || d.duplicate).toBe(false);
    const [conversation] = await handle.db.select().from(t.conversations).where(eq(t.conversations.status, 'open'));
    const answers = (conversation!.state as { checkin: { answers: Record<string, unknown> } }).checkin.answers;
    expect(answers.meetingsHeld).toBe(1);
    // Both answers were applied, one after the other, to whichever question was current.
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(2);
    expect(await handle.db.select().from(t.inboundMessages).where(eq(t.inboundMessages.externalId, 'race-1'))).toHaveLength(1);
  });

  it('asks a secretary of two units which one to report for, and refuses a unit that is not theirs', async () => {
    const hai = user('5006');
    await hai.say(`/start ${await inviteCode('KT.KONRAY.DTL')}`);
    await hai.say(`/start ${await inviteCode('KT.KONRAY.HKL')}`);
    const pick = await hai.say('/baocao');
    expect(pick.texts[0]).toBe('Đồng chí báo cáo cho đơn vị nào?');
    expect(hai.last()!.choices!.map((c) => c.label).sort()).toEqual(['Chi bộ Hạt Kiểm lâm', 'Đảng ủy xã Đăk Tơ Lung']);
    const [other] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT'));
    expect((await hai.tap(`unit:${other!.id}`)).texts[0]).toContain('chưa được giao báo cáo');
    const [dtl] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.DTL'));
    const chosen = await hai.tap(`unit:${dtl!.id}`);
    expect(chosen.texts[0]).toContain('Đảng ủy xã Đăk Tơ Lung. Đã đến kỳ báo cáo tháng 11/2026');
  });

  it('lets a secretary of two units correct the sent report of the unit they pick', async () => {
    const hai = user('5007');
    await hai.say(`/start ${await inviteCode('KT.KONRAY.DTL')}`);
    await hai.say(`/start ${await inviteCode('KT.KONRAY.HKL')}`);
    const [dtl] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.DTL'));
    await hai.say('/baocao');
    await hai.tap(`unit:${dtl!.id}`);
    await hai.tap('no_activity');
    expect((await hai.tap('submit')).texts[0]).toContain('Đã gửi báo cáo tháng 11/2026');

    const pick = await hai.say('/sua');
    expect(pick.texts[0]).toBe('Đồng chí báo cáo cho đơn vị nào?');
    const dtlChoice = hai.last()!.choices!.find((c) => c.label === 'Đảng ủy xã Đăk Tơ Lung')!;
    const reopened = await hai.tap(dtlChoice.value);
    expect(reopened.texts[0]).toContain('Tóm tắt báo cáo tháng 11/2026 – Đảng ủy xã Đăk Tơ Lung');
    expect(hai.last()!.choices!.map((c) => c.value)).toEqual(['submit', 'edit']);
  });

  it('stops and resumes days later at the same question', async () => {
    const hai = user('5004');
    await hai.say(`/start ${await inviteCode('KT.KONRAY.DTL')}`);
    await hai.say('/baocao');
    await hai.tap('start');
    await hai.say('1');
    await hai.say('/huy');
    const later = await hai.say('/baocao', new Date('2026-11-23T02:00:00Z'));
    expect(later.texts[0]).toContain('Bao nhiêu đảng viên dự');
  });
});
