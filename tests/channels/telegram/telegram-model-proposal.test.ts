import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/service.js';
import { createInvitation } from '../../../src/services/invite.js';
import { listActiveModels, upsertModel } from '../../../src/storage/queries/models.js';
import { upsertUnits } from '../../../src/storage/queries/org-units.js';
import * as t from '../../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';
import { startWebhookChat, type WebhookChat } from '../../helpers/webhook-chat.js';

/**
 * /mohinh end to end over the Telegram webhook (issue 17): a secretary proposes a model (name,
 * lĩnh vực by button, start month by button), the commune's leader gets it with «Xác nhận» /
 * «Từ chối», confirms it, and the model is asked about in the next month's check-in; a second
 * proposal refused with a reason reaches the secretary kindly.
 */

const SECRET = 'test_webhook_secret_mohinh';
const SECRETARY = 9601;
const LEADER = 9602;
let fake: FakeTelegram;
let service: RunningService;
let webhook: WebhookChat | undefined;

// 3/12/2026 10:00 in Vietnam; the test moves the clock to January 2027 for the next check-in.
const ORIGIN = new Date('2026-12-03T03:00:00Z').getTime();
const started = Date.now();
let offset = 0;
const now = () => new Date(ORIGIN + offset + (Date.now() - started));

beforeAll(async () => {
  webhook = await startWebhookChat({ secret: SECRET, now, scheduler: false });
  ({ fake, service } = webhook);
});
afterAll(async () => {
  await webhook?.stop();
});

const exchange = (chat: number, update: unknown, count = 1) => webhook!.exchange(chat, update, count);
const button = (chat: number, label: string | RegExp) => webhook!.button(chat, label);

describe('/mohinh over the Telegram webhook', () => {
  it('a proposal confirmed by the leader above joins the next month’s check-in; one refused is explained', async () => {
    const db = service.database.db;
    const root = (await upsertUnits(db, [{ code: 'MH', name: 'Tỉnh thử mô hình', kind: 'tinh', parentId: null }])).get('MH')!;
    const commune = (await upsertUnits(db, [{ code: 'MH.X', name: 'Đảng ủy xã Thử Mô Hình', kind: 'xa', parentId: root }])).get('MH.X')!;
    const cell = (await upsertUnits(db, [{ code: 'MH.X.CB', name: 'Chi bộ thôn Thử Mô Hình', kind: 'chi_bo', parentId: commune }])).get('MH.X.CB')!;
    await upsertModel(db, { unitId: cell, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
    const secretaryCode = (await createInvitation(db, { unitCode: 'MH.X.CB', role: 'secretary', days: 14, now: now() })).code;
    const leaderCode = (await createInvitation(db, { unitCode: 'MH.X', role: 'leader', days: 14, now: now() })).code;
    const secretary = telegramUser(SECRETARY, 'Y Mơ');
    const leader = telegramUser(LEADER, 'A Lãnh');
    await exchange(SECRETARY, secretary.text(`/start ${secretaryCode}`));
    await exchange(LEADER, leader.text(`/start ${leaderCode}`));

    // The secretary proposes: name, field (a button), month (a button: January, the next month).
    expect((await exchange(SECRETARY, secretary.text('/mohinh')))[0]!.text).toContain('Đề xuất mô hình mới cho Chi bộ thôn Thử Mô Hình');
    expect((await exchange(SECRETARY, secretary.text('   ')))[0]!.text).toContain('Xin gõ tên mô hình');
    expect((await exchange(SECRETARY, secretary.text('Vườn cà phê kiểu mẫu thôn 4')))[0]!.text).toBe('Mô hình thuộc lĩnh vực nào?');
    expect((await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Kinh tế'))))[0]!.text).toContain('bắt đầu từ tháng nào');
    // This month is too early: a proposed model joins from the next month.
    expect((await exchange(SECRETARY, secretary.text('12/2026')))[0]!.text).toContain('gõ một tháng từ 01/2027');
    const sent = await exchange(SECRETARY, secretary.tap(button(SECRETARY, '01/2027')));
    expect(sent[0]!.text).toContain('Đã gửi đề xuất mô hình «Vườn cà phê kiểu mẫu thôn 4» (từ tháng 01/2027)');
    const [proposal] = await db.select().from(t.modelProposals).where(eq(t.modelProposals.unitId, cell));
    expect(proposal).toMatchObject({ status: 'pending', field: 'kinh_te', startsOn: '2027-01-01' });
    // A month tapped again once the proposal is sent proposes nothing twice.
    expect((await exchange(SECRETARY, secretary.tap(button(SECRETARY, '02/2027'))))[0]!.text).toBe('Đề xuất mô hình này đã gửi hoặc đã thôi. Gõ /mohinh để đề xuất mô hình mới.');
    expect(await db.select().from(t.modelProposals).where(eq(t.modelProposals.unitId, cell))).toHaveLength(1);

    // The leader above gets it with buttons, and confirms.
    await fake.waitFor(() => fake.sent(LEADER).some((m) => m.text.includes('đề xuất mô hình mới')));
    expect(fake.sent(LEADER).at(-1)!.text).toContain('Chi bộ thôn Thử Mô Hình đề xuất mô hình mới «Vườn cà phê kiểu mẫu thôn 4» (Kinh tế), bắt đầu từ tháng 01/2027; người đề xuất: đồng chí Y Mơ');
    const confirmed = await exchange(LEADER, leader.tap(button(LEADER, 'Xác nhận')));
    expect(confirmed[0]!.text).toBe('Đã xác nhận mô hình «Vườn cà phê kiểu mẫu thôn 4» của Chi bộ thôn Thử Mô Hình; mô hình vào báo cáo từ tháng 01/2027.');
    await fake.waitFor(() => fake.sent(SECRETARY).some((m) => m.text.includes('đã được xác nhận')));
    expect(fake.sent(SECRETARY).at(-1)!.text).toContain('Từ kỳ báo cáo tháng 01/2027, bot sẽ hỏi về mô hình này');
    // A second tap changes nothing.
    expect((await exchange(LEADER, leader.tap(button(LEADER, 'Xác nhận'))))[0]!.text).toContain('đã được xử lý');
    const models = await db.select().from(t.models).where(eq(t.models.unitId, cell));
    expect(models.map((m) => [m.title, m.startedOn, m.status])).toEqual([
      ['Nuôi ong lấy mật', '2024-01-01', 'active'],
      ['Vườn cà phê kiểu mẫu thôn 4', '2027-01-01', 'active'],
    ]);
    // Not in December's check-in; in January's.
    expect((await listActiveModels(db, cell, '2026-12-31')).map((m) => m.title)).toEqual(['Nuôi ong lấy mật']);
    offset = new Date('2027-01-21T03:00:00Z').getTime() - ORIGIN;
    await exchange(SECRETARY, secretary.text('/baocao'));
    const account = (await db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, String(SECRETARY))))[0]!;
    const [checkin] = await db.select().from(t.conversations).where(and(eq(t.conversations.accountId, account.id), eq(t.conversations.flow, 'checkin'))).orderBy(desc(t.conversations.id)).limit(1);
    const about = (checkin!.state as { about: { periodLabel: string; models: { title: string }[] } }).about;
    expect(about.periodLabel).toBe('01/2027');
    expect(about.models.map((m) => m.title)).toEqual(['Nuôi ong lấy mật', 'Vườn cà phê kiểu mẫu thôn 4']);

    // A second proposal, refused with a reason: the secretary is told kindly, with the reason.
    await exchange(SECRETARY, secretary.text('/mohinh'));
    await exchange(SECRETARY, secretary.text('Sân bóng chuyền thôn'));
    await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Văn hóa - xã hội')));
    await exchange(SECRETARY, secretary.text('03/2027'));
    await fake.waitFor(() => fake.sent(LEADER).some((m) => m.text.includes('«Sân bóng chuyền thôn»')));
    expect((await exchange(LEADER, leader.tap(button(LEADER, 'Từ chối'))))[0]!.text).toContain('gõ lý do từ chối');
    expect((await exchange(LEADER, leader.text('Trùng với mô hình của xã')))[0]!.text).toContain('Đã từ chối đề xuất «Sân bóng chuyền thôn»');
    await fake.waitFor(() => fake.sent(SECRETARY).some((m) => m.text.includes('chưa xác nhận')));
    expect(fake.sent(SECRETARY).at(-1)!.text).toBe(
      'Cảm ơn đồng chí đã đề xuất mô hình «Sân bóng chuyền thôn». Lần này cấp trên chưa xác nhận, với lý do: Trùng với mô hình của xã. Đồng chí có thể điều chỉnh và đề xuất lại bằng lệnh /mohinh.',
    );
    expect((await db.select().from(t.models).where(eq(t.models.title, 'Sân bóng chuyền thôn'))).length).toBe(0);
  });
});
