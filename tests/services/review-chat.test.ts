import { and, asc, eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckinInput } from '../../src/core/checkin/types.js';
import type { NoticePayload } from '../../src/core/notices.js';
import { encodeButtonData } from '../../src/core/button-data.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { handleInbound, type InboundEvent } from '../../src/services/inbound.js';
import { parseReviewButton } from '../../src/services/review-chat.js';
import { reviewReport } from '../../src/services/report-review.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { createReviewDeadline } from '../../src/storage/queries/review-deadlines.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { personNamed, unitId } from '../helpers/web-console.js';

/**
 * /duyet and the correction of a returned report, through the inbound handler on the demo
 * organisation (everyone with a role on Telegram, chat "p<person id>"): the list is paged and
 * scoped to the nearest leader above, «Trả lại» waits for the comment, the secretary is told and
 * corrects through the notice's button or /sua, and every refusal is said in words.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-27T03:00:00Z');
let handle: DatabaseHandle;
let updateId = 0;

beforeEach(async () => {
  handle = await createDemoOnTelegram(timeZone);
});
afterEach(async () => {
  await handle.close();
});

/** A person of the demo on Telegram: each call returns the replies the bot queued. */
async function as(name: string) {
  const id = `p${await personNamed(handle.db, name)}`;
  const send = async (message: CheckinInput, at = now) => {
    updateId += 1;
    const event: InboundEvent = { channel: 'telegram', externalId: `rc${updateId}`, receivedAt: at, from: { externalUserId: id, chatId: id, displayName: name }, message };
    const outcome = await handleInbound(handle.db, event, { timeZone });
    const rows = await handle.db.select().from(t.outboundMessages).orderBy(asc(t.outboundMessages.id));
    return rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => r.payload as OutboundPayload);
  };
  return { say: (text: string, at?: Date) => send({ type: 'text', text }, at), tap: (value: string, at?: Date) => send({ type: 'choice', value }, at) };
}

async function reportOf(code: string, month: string) {
  const [row] = await handle.db
    .select({ id: t.reports.id, version: t.reports.version, state: t.reports.reviewState })
    .from(t.reports)
    .innerJoin(t.periods, eq(t.periods.id, t.reports.periodId))
    .where(and(eq(t.reports.unitId, await unitId(handle.db, code)), eq(t.periods.startsOn, month)));
  return row!;
}

describe('/duyet', () => {
  it('lists the reports waiting for this leader, a page at a time, each button within 64 bytes', async () => {
    const leader = await as('Đinh Văn Tú');
    const [first] = await leader.say('/duyet');
    expect(first!.text).toMatch(/^Có \d+ báo cáo chờ đồng chí duyệt \(trang 1\/\d+\)/);
    const items = first!.choices!.filter((c) => /^dv:\d+$/.test(c.value));
    expect(items).toHaveLength(5);
    for (const c of items) expect(c.label).toMatch(/^Chi bộ (thôn Kon Lung|Trường Tiểu học Đăk Tơ Lung) · \d{2}\/2026$/);
    expect(first!.choices!.at(-1)).toEqual({ label: 'Trang sau »', value: 'dv:p2' });
    const [second] = await leader.tap('dv:p2');
    expect(second!.text).toContain('(trang 2/');
    expect(second!.choices).toContainEqual({ label: '« Trang trước', value: 'dv:p1' });
    for (const c of [...first!.choices!, ...second!.choices!]) expect(Buffer.byteLength(encodeButtonData(c.value))).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(encodeButtonData('dv:999999999:999999999:r'))).toBeLessThanOrEqual(64);
  });

  it('is for leaders: a secretary is told so, and a leader further up gets only what they review', async () => {
    expect((await (await as('A Pươi')).say('/duyet'))[0]!.text).toContain('Lệnh /duyet dành cho lãnh đạo');
    const [district] = await (await as('Lê Quang Vinh')).say('/duyet');
    expect(district!.choices!.map((c) => c.label).join('\n')).not.toContain('Chi bộ thôn Kon Lung');
  });

  it('reads its buttons strictly', () => {
    expect(parseReviewButton('dv:p3')).toEqual({ kind: 'page', page: 3 });
    expect(parseReviewButton('dv:42')).toEqual({ kind: 'open', reportId: 42 });
    expect(parseReviewButton('dv:42:3:a')).toEqual({ kind: 'approve', reportId: 42, version: 3 });
    expect(parseReviewButton('dv:42:3:r')).toEqual({ kind: 'return', reportId: 42, version: 3 });
    for (const bad of ['dv:', 'dv:p0', 'dv:42:3:x', 'dv:42;drop', 'dv:1234567890']) expect(parseReviewButton(bad)).toBeNull();
  });
});

describe('a return in the chat', () => {
  it('waits for the comment: /huy gives up, a long one is cut with a notice, the unit is told with a button to correct', async () => {
    const leader = await as('Đinh Văn Tú');
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-10-01');
    const [summary] = await leader.tap(`dv:${report.id}`);
    expect(summary!.text).toContain('Báo cáo tháng 10/2026 – Chi bộ thôn Kon Lung');
    expect(summary!.choices!.map((c) => c.label)).toEqual(['Đạt', 'Trả lại', '« Danh sách']);
    expect((await leader.tap(`dv:${report.id}:${report.version}:r`))[0]!.text).toContain('Đồng chí nhắn nhận xét: Chi bộ thôn Kon Lung cần sửa gì');
    expect((await leader.say('/huy'))[0]!.text).toBe('Đã thôi, báo cáo chưa bị trả lại.');
    expect((await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-10-01')).state).toBe('pending');

    await leader.tap(`dv:${report.id}:${report.version}:r`);
    const long = `Đề nghị bổ sung biên bản. ${'Chi tiết cần sửa. '.repeat(80)}`;
    const [done] = await leader.say(long);
    expect(done!.text).toContain('Đã trả lại báo cáo tháng 10/2026 của Chi bộ thôn Kon Lung để sửa.');
    expect(done!.text).toContain('Nhận xét dài quá 1000 ký tự');
    expect((await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-10-01')).state).toBe('returned');

    const notices = await handle.db.select().from(t.outboundMessages).where(like(t.outboundMessages.dedupeKey, `report-returned:r${report.id}:%`));
    expect(notices.length).toBeGreaterThanOrEqual(1); // the secretary and the deputy of Kon Lung
    const payload = notices[0]!.payload as NoticePayload & { notice: 'report-returned' };
    expect(payload.params.comment.length).toBeLessThanOrEqual(1000);
    expect(payload.params.comment.startsWith('Đề nghị bổ sung biên bản.')).toBe(true);
    expect(payload.quiet).toEqual({ fromHour: 21, untilHour: 7 });

    // The button under the notice opens the report (rebuilt from the demo's answers) after its due date.
    const secretary = await as('A Pươi');
    const opened = await secretary.tap(`fix:${report.id}`);
    expect(opened[0]!.text).toContain('Báo cáo tháng 10/2026 đã được trả lại để sửa. Nhận xét của cấp trên: «Đề nghị bổ sung biên bản.');
    expect(opened[1]!.text).toContain('Tóm tắt báo cáo tháng 10/2026');
    const [resent] = await secretary.tap('submit');
    expect(resent!.text).toBe('Đã gửi lại báo cáo tháng 10/2026. Báo cáo chờ cấp trên duyệt lại. Cảm ơn đồng chí!');
    expect(await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-10-01')).toMatchObject({ state: 'pending', version: report.version + 1 });
  });

  it('is refused with its reason: not the nearest leader (audited), a report of another unit for a secretary', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-09-01');
    const [refused] = await (await as('Hoàng Văn Long')).tap(`dv:${report.id}:${report.version}:a`);
    expect(refused!.text).toContain('không phải lãnh đạo cấp ủy cấp trên trực tiếp');
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'report.review.forbidden'), eq(t.auditLog.entityId, String(report.id))));
    expect(audit).toHaveLength(1);
    const other = await reportOf('KT.KONRAY.DR', '2026-09-01');
    expect((await (await as('A Pươi')).tap(`fix:${other.id}`))[0]!.text).toContain('chưa được giao báo cáo');
  });
});

describe('the secretary\'s side', () => {
  it('/sua opens a returned report first; an approved one is not edited; /tiendo says the review state', async () => {
    const long = await personNamed(handle.db, 'Hoàng Văn Long'); // leader of Đảng ủy xã Đăk Ruồng
    const november = await reportOf('KT.KONRAY.DR.THCS', '2026-11-01');
    const before = new Date('2026-11-22T03:00:00Z');
    await handle.db.transaction((tx) => reviewReport(tx, { personId: long, reportId: november.id, command: { kind: 'approve', version: november.version }, via: 'web', now: before }));
    const secretary = await as('Phan Thị Hồng Nhung');
    expect((await secretary.say('/tiendo', before))[0]!.text).toContain('Tình trạng duyệt: Đạt.');
    expect((await secretary.say('/sua', before))[0]!.text).toContain('Báo cáo đã được cấp trên duyệt (đạt) nên không sửa được');

    const august = await reportOf('KT.KONRAY.DR.THCS', '2026-08-01');
    await handle.db.transaction((tx) => reviewReport(tx, { personId: long, reportId: august.id, command: { kind: 'return', version: august.version, comment: 'Thiếu ảnh minh chứng' }, via: 'web', now }));
    const opened = await secretary.say('/sua');
    expect(opened[0]!.text).toContain('Báo cáo tháng 08/2026 đã được trả lại để sửa. Nhận xét của cấp trên: «Thiếu ảnh minh chứng».');
  });

  it('cannot send a returned report again once its month closed (review deadline + grace days), and is told why', async () => {
    const tu = await personNamed(handle.db, 'Đinh Văn Tú');
    const july = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-07-01');
    await handle.db.transaction((tx) => reviewReport(tx, { personId: tu, reportId: july.id, command: { kind: 'return', version: july.version, comment: 'Sửa số đảng viên dự' }, via: 'web', now }));
    const secretary = await as('A Pươi');
    await secretary.say('/sua');
    await createReviewDeadline(handle.db, {
      scopeUnitId: await unitId(handle.db, 'KT.KONRAY'), kind: 'so_ket', title: 'Sơ kết thử', coversFrom: '2026-07-01', coversTo: '2026-07-31', dueAt: new Date('2026-11-15T16:59:59Z'),
    });
    const [refused] = await secretary.tap('submit');
    expect(refused!.text).toContain('Tháng này đã khóa sổ');
    expect(await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-07-01')).toMatchObject({ state: 'returned', version: july.version });
    expect((await secretary.say('/sua'))[0]!.text).toContain('Tháng này đã khóa sổ');
  });
});

describe('a missed month opened for one unit («Cho phép báo cáo bổ sung»)', () => {
  const until = new Date('2026-12-05T16:59:59Z');

  it('is opened by the leader above, the secretary is invited for that month and /baocao offers it', async () => {
    const { openMonthForUnit } = await import('../../src/services/month-opening.js');
    const unit = await unitId(handle.db, 'KT.KONRAY.DTL.THDTL');
    // October not sent (the demo's report taken away): past its due date, not closed.
    await handle.db.delete(t.reports).where(eq(t.reports.id, (await reportOf('KT.KONRAY.DTL.THDTL', '2026-10-01')).id));
    const open = (name: string, month = '2026-10-01') =>
      personNamed(handle.db, name).then((personId) => handle.db.transaction((tx) => openMonthForUnit(tx, { personId, unitId: unit, month, until, via: 'telegram', now, timeZone })));
    // A leader further up sees the unit but does not review it: refused and audited.
    expect(await open('Lê Quang Vinh')).toEqual({ ok: false, refusal: 'not-reviewer' });
    expect(await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'period.open.forbidden'))).toHaveLength(1);
    // A month that was sent needs no supplement.
    expect(await open('Đinh Văn Tú', '2026-09-01')).toEqual({ ok: false, refusal: 'nothing-to-open' });
    expect(await open('Đinh Văn Tú')).toMatchObject({ ok: true, kind: 'supplement', month: '2026-10-01' });

    const [notice] = await handle.db.select().from(t.outboundMessages).where(like(t.outboundMessages.dedupeKey, `month-opened:u${unit}:%`));
    expect(notice!.payload).toMatchObject({ notice: 'month-opened', params: { period: '10/2026', until: '05/12/2026', by: 'Đinh Văn Tú', person: 'Nguyễn Thị Lan' } });

    const secretary = await as('Nguyễn Thị Lan');
    const [offer] = await secretary.say('/baocao');
    expect(offer!.text).toBe('Đồng chí báo cáo tháng nào?');
    expect(offer!.choices!.map((c) => c.label)).toEqual(['Tháng 10/2026 (bổ sung, hạn 05/12/2026)', 'Tháng 11/2026']);
    const october = offer!.choices![0]!.value;
    const [intro] = await secretary.tap(october);
    expect(intro!.text).toContain('Đã đến kỳ báo cáo tháng 10/2026');
    const [sent] = await secretary.say('tháng này ko có hoạt động');
    expect(sent!.text).toContain('10/2026');
    const report = await reportOf('KT.KONRAY.DTL.THDTL', '2026-10-01');
    expect(report.state).toBe('pending');
    // Once the window is over, the invitation's button says so.
    expect((await secretary.tap(october, new Date('2026-12-06T03:00:00Z')))[0]!.text).toContain('Thời hạn báo cáo bổ sung tháng này đã hết');
  });

  it('does not open a closed month for a leader; an admin reopens it, audited', async () => {
    const { openMonthForUnit } = await import('../../src/services/month-opening.js');
    const { assignRole, createPerson } = await import('../../src/storage/queries/people.js');
    const admin = await createPerson(handle.db, 'Quản trị Kon Tum');
    await assignRole(handle.db, { personId: admin.id, unitId: await unitId(handle.db, 'KT'), role: 'admin', title: null });
    await createReviewDeadline(handle.db, {
      scopeUnitId: await unitId(handle.db, 'KT'), kind: 'chuyen_de', title: 'Chuyên đề thử', coversFrom: '2026-10-01', coversTo: '2026-10-31', dueAt: new Date('2026-11-10T16:59:59Z'),
    });
    const unit = await unitId(handle.db, 'KT.KONRAY.DTL.THDTL');
    await handle.db.delete(t.reports).where(eq(t.reports.id, (await reportOf('KT.KONRAY.DTL.THDTL', '2026-10-01')).id));
    const tu = await personNamed(handle.db, 'Đinh Văn Tú');
    const byLeader = await handle.db.transaction((tx) => openMonthForUnit(tx, { personId: tu, unitId: unit, month: '2026-10-01', until, via: 'web', now, timeZone }));
    expect(byLeader).toEqual({ ok: false, refusal: 'month-closed' });
    const byAdmin = await handle.db.transaction((tx) => openMonthForUnit(tx, { personId: admin.id, unitId: unit, month: '2026-10-01', until, via: 'web', now, timeZone }));
    expect(byAdmin).toMatchObject({ ok: true, kind: 'reopen' });
    const [audit] = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'period.reopen'));
    expect(audit).toMatchObject({ actorPersonId: admin.id, entityId: String(unit) });
    const [offer] = await (await as('Nguyễn Thị Lan')).say('/baocao');
    expect(offer!.choices![0]!.label).toContain('Tháng 10/2026');
  });
});

describe('the digest', () => {
  it('says how the month\'s reports stand for review and lists those waiting for this leader', async () => {
    const [digest] = await (await as('Hoàng Văn Long')).say('/tonghop'); // leader of Đảng ủy xã Đăk Ruồng
    expect(digest!.text).toMatch(/Duyệt báo cáo tháng này: [1-9]\d* chờ duyệt, 0 đạt, 0 trả lại\./);
    expect(digest!.text).toMatch(/Báo cáo chờ đồng chí duyệt \(\d+\):\n• Chi bộ (thôn 11|thôn 13|Trường THCS Đăk Ruồng) – tháng \d{2}\/2026/);
    expect(digest!.text).toContain('Gõ /duyet để duyệt.');
  });
});
