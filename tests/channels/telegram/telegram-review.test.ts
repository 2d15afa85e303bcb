import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/service.js';
import { createInvitation } from '../../../src/services/invite.js';
import { upsertModel } from '../../../src/storage/queries/models.js';
import { upsertUnits } from '../../../src/storage/queries/org-units.js';
import { listReviewHistory } from '../../../src/storage/queries/report-review.js';
import * as t from '../../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';
import { startWebhookChat, type WebhookChat } from '../../helpers/webhook-chat.js';

/**
 * A report's review end to end over the Telegram webhook (issue 19): the commune's leader
 * returns a cell's report through /duyet with a comment, the secretary is told at once with a
 * button that opens the report for correction after its due date, corrects it and sends it
 * again, and the leader approves the new version; the secretary is told that too.
 */

const SECRET = 'test_webhook_secret_review';
const SECRETARY = 9501;
const LEADER = 9502;
let fake: FakeTelegram;
let service: RunningService;
let webhook: WebhookChat | undefined;

// The service's clock runs from a fixed day: 3/12/2026 10:00 in Vietnam, after November's due
// date (25/11) and its escalation window, before December's period opens, on no digest day, in
// a province of its own with no review deadline: no scheduled notice lands mid-test.
const ORIGIN = new Date('2026-12-03T03:00:00Z').getTime();
const started = Date.now();
const now = () => new Date(ORIGIN + (Date.now() - started));

beforeAll(async () => {
  webhook = await startWebhookChat({ secret: SECRET, now });
  ({ fake, service } = webhook);
});
afterAll(async () => {
  await webhook?.stop();
});

const exchange = (chat: number, update: unknown, count = 1) => webhook!.exchange(chat, update, count);
const button = (chat: number, label: string | RegExp) => webhook!.button(chat, label);

async function theReport() {
  const db = service.database.db;
  const [unit] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'RVE.X.CB'));
  const [report] = await db.select().from(t.reports).where(eq(t.reports.unitId, unit!.id)).orderBy(asc(t.reports.id));
  return report!;
}

describe('a report reviewed over the Telegram webhook', () => {
  it('is returned through /duyet, corrected after its due date, sent again and approved', async () => {
    const db = service.database.db;
    const root = (await upsertUnits(db, [{ code: 'RVE', name: 'Tỉnh thử duyệt', kind: 'tinh', parentId: null }])).get('RVE')!;
    const commune = (await upsertUnits(db, [{ code: 'RVE.X', name: 'Đảng ủy xã Thử Duyệt', kind: 'xa', parentId: root }])).get('RVE.X')!;
    const cell = (await upsertUnits(db, [{ code: 'RVE.X.CB', name: 'Chi bộ thôn Thử Duyệt', kind: 'chi_bo', parentId: commune }])).get('RVE.X.CB')!;
    await upsertModel(db, { unitId: cell, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
    const secretaryCode = (await createInvitation(db, { unitCode: 'RVE.X.CB', role: 'secretary', days: 14, now: now() })).code;
    const leaderCode = (await createInvitation(db, { unitCode: 'RVE.X', role: 'leader', days: 14, now: now() })).code;
    const secretary = telegramUser(SECRETARY, 'Y Duyên');
    const leader = telegramUser(LEADER, 'Đinh Văn Lãnh');
    await exchange(SECRETARY, secretary.text(`/start ${secretaryCode}`));
    await exchange(LEADER, leader.text(`/start ${leaderCode}`));

    // The secretary sends November's report (late: it is December already).
    await exchange(SECRETARY, secretary.text('/baocao'));
    await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Bắt đầu')));
    for (const answer of ['1', '17/19', 'không', '2', '30', 'Đúng kế hoạch', 'bỏ qua', 'không có']) await exchange(SECRETARY, secretary.text(answer));
    // Photos, good deeds, difficulties, proposals: «Xong», «Không», «Không có» until the summary.
    for (let i = 0; i < 6 && !fake.sent(SECRETARY).at(-1)!.text.includes('Tóm tắt báo cáo'); i += 1) {
      const labels = fake.sent(SECRETARY).at(-1)!.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
      const next = ['Xong', 'Không có', 'Không'].find((l) => labels.includes(l))!;
      await exchange(SECRETARY, secretary.tap(button(SECRETARY, next)));
    }
    expect(fake.sent(SECRETARY).at(-1)!.text).toContain('Tóm tắt báo cáo tháng 11/2026');
    await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Gửi báo cáo')));
    expect((await theReport()).reviewState).toBe('pending');

    // The leader lists what waits for them, opens the report, and returns it.
    const list = await exchange(LEADER, leader.text('/duyet'));
    expect(list[0]!.text).toContain('Có 1 báo cáo chờ đồng chí duyệt');
    const opened = await exchange(LEADER, leader.tap(button(LEADER, 'Chi bộ thôn Thử Duyệt · 11/2026')));
    expect(opened[0]!.text).toContain('Báo cáo tháng 11/2026 – Chi bộ thôn Thử Duyệt (lần gửi 1');
    expect(opened[0]!.text).toContain('«Nuôi ong lấy mật»: 2 hoạt động, 30 lượt người tham gia');
    expect(opened[0]!.text).toContain('Tình trạng duyệt: Chờ duyệt.');
    const asked = await exchange(LEADER, leader.tap(button(LEADER, 'Trả lại')));
    expect(asked[0]!.text).toContain('Đồng chí nhắn nhận xét');
    // A sticker is not a comment: asked again, nothing returned yet.
    expect((await exchange(LEADER, leader.sticker()))[0]!.text).toContain('Nhận xét không được để trống');
    expect((await theReport()).reviewState).toBe('pending');
    const comment = 'Số lượt người tham gia (30) chưa khớp với sổ theo dõi mô hình, đề nghị kiểm tra lại.';
    const returned = await exchange(LEADER, leader.text(comment), 2);
    expect(returned[0]!.text).toBe('Đã trả lại báo cáo tháng 11/2026 của Chi bộ thôn Thử Duyệt để sửa. Bí thư chi bộ được báo ngay.');
    expect(returned[1]!.text).toBe('Không có báo cáo nào chờ đồng chí duyệt. Cảm ơn đồng chí!');

    // The secretary is told at once, with the comment and a button that opens the report.
    await fake.waitFor(() => fake.sent(SECRETARY).some((m) => m.text.includes('trả lại để sửa')));
    const notice = fake.sent(SECRETARY).find((m) => m.text.includes('trả lại để sửa'))!;
    expect(notice.text).toContain('báo cáo tháng 11/2026 của Chi bộ thôn Thử Duyệt được đồng chí Đinh Văn Lãnh trả lại để sửa');
    expect(notice.text).toContain(`Nhận xét: «${comment}»`);
    const fix = button(SECRETARY, 'Sửa báo cáo');

    // After the due date, the returned report opens for correction all the same.
    const reopened = await exchange(SECRETARY, secretary.tap(fix), 2);
    expect(reopened[0]!.text).toContain('Báo cáo tháng 11/2026 đã được trả lại để sửa. Nhận xét của cấp trên');
    expect(reopened[1]!.text).toContain('Tóm tắt báo cáo tháng 11/2026');
    const editList = await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Sửa')));
    expect(editList.at(-1)!.text).toContain('Chọn câu trả lời cần sửa');
    await exchange(SECRETARY, secretary.tap(button(SECRETARY, /lượt người tham gia/i)));
    const back = await exchange(SECRETARY, secretary.text('25 lượt'));
    expect(back.at(-1)!.text).toContain('Tóm tắt báo cáo tháng 11/2026');
    const resent = await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Gửi báo cáo')));
    expect(resent[0]!.text).toBe('Đã gửi lại báo cáo tháng 11/2026. Báo cáo chờ cấp trên duyệt lại. Cảm ơn đồng chí!');
    const report = await theReport();
    expect(report).toMatchObject({ reviewState: 'pending', version: 2 });
    const [answer] = await db.select().from(t.modelAnswers).where(eq(t.modelAnswers.reportId, report.id));
    expect(answer?.participants).toBe(25);

    // The leader sees it waiting again, and approves the new version.
    expect((await exchange(LEADER, leader.text('/duyet')))[0]!.text).toContain('Có 1 báo cáo chờ đồng chí duyệt');
    const again = await exchange(LEADER, leader.tap(button(LEADER, 'Chi bộ thôn Thử Duyệt · 11/2026')));
    expect(again[0]!.text).toContain('(lần gửi 2');
    expect(again[0]!.text).toContain('25 lượt người tham gia');
    const approved = await exchange(LEADER, leader.tap(button(LEADER, 'Đạt')), 2);
    expect(approved[0]!.text).toBe('Đã duyệt báo cáo tháng 11/2026 của Chi bộ thôn Thử Duyệt: đạt.');
    await fake.waitFor(() => fake.sent(SECRETARY).some((m) => m.text.includes('duyệt: đạt')));
    expect(fake.sent(SECRETARY).find((m) => m.text.includes('duyệt: đạt'))!.text).toContain('đã được đồng chí Đinh Văn Lãnh duyệt: đạt');

    // The «Đạt» of the first version, tapped late from an old message, is told the report moved on.
    const stale = await exchange(LEADER, leader.tap(`.dv:${report.id}:1:a`));
    expect(stale[0]!.text).toContain('Đơn vị vừa sửa và gửi lại báo cáo');

    const history = await listReviewHistory(db, report.id);
    expect(history.map((h) => [h.action, h.version, h.by, h.via])).toEqual([
      ['submit', 1, 'Y Duyên', 'telegram'],
      ['return', 1, 'Đinh Văn Lãnh', 'telegram'],
      ['resubmit', 2, 'Y Duyên', 'telegram'],
      ['approve', 2, 'Đinh Văn Lãnh', 'telegram'],
    ]);
    expect(history[1]!.comment).toBe(comment);
    const [reviewsAudited] = await db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'report.return'), eq(t.auditLog.entityId, String(report.id))));
    expect(reviewsAudited?.actorPersonId).not.toBeNull();
  });
});
