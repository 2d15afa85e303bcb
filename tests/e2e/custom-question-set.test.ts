import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type Question } from '../../src/core/checkin/question-set.js';
import { toQuestionSetFile } from '../../src/core/checkin/question-set-schema.js';
import type { RunningService } from '../../src/service.js';
import { exportToBytes } from '../../src/services/export.js';
import { createInvitation } from '../../src/services/invite.js';
import { publishQuestionSet } from '../../src/services/question-sets.js';
import { upsertModel } from '../../src/storage/queries/models.js';
import { findUnitByCode, upsertUnits } from '../../src/storage/queries/org-units.js';
import { FakeTelegram, telegramUser } from '../helpers/fake-telegram.js';
import { startWebhookChat, type WebhookChat } from '../helpers/webhook-chat.js';
import { readDocx, readWorkbook } from '../helpers/read-files.js';

/**
 * A province publishes its own questions (a themed session's classes and people, a model's
 * households reached) and a secretary answers them over the real Telegram webhook; the answers
 * reach the XLSX columns, /tonghop and the review report's section I.
 */

const SECRET = 'test_webhook_secret_questions';
const SECRETARY = 9301;
const LEADER = 9302;
let fake: FakeTelegram;
let service: RunningService;
let webhook: WebhookChat | undefined;

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

/** Sends an update, waits until every reply it queued has gone out (a long summary is two messages); the last one. */
const exchange = async (chat: number, update: unknown) => (await webhook!.exchange(chat, update)).at(-1)!;
const button = (chat: number, label: string) => webhook!.button(chat, label);

const CLASSES: Question = { key: 'themedClasses', label: 'Lớp học tập chuyên đề', scope: 'unit', kind: 'number', unit: 'lớp', prompt: 'Tháng {month} tổ chức bao nhiêu lớp học tập chuyên đề?', optional: false, askIf: 'themedSessionHeld', showInDigest: true };
const PEOPLE: Question = { key: 'themedPeople', label: 'Lượt người dự chuyên đề', scope: 'unit', kind: 'number', unit: 'lượt người', prompt: 'Bao nhiêu lượt người dự?', optional: false, askIf: 'themedClasses', showInDigest: true };
const HOUSEHOLDS: Question = { key: 'households', label: 'Hộ được hỗ trợ', scope: 'model', kind: 'number', unit: 'hộ', prompt: 'Mô hình đã hỗ trợ bao nhiêu hộ?', optional: false };

describe('a check-in under a province\'s own question set, over the Telegram webhook', () => {
  it('asks the published questions and every answer reaches the XLSX columns, /tonghop and the review report', async () => {
    const db = service.database.db;
    const ids = await upsertUnits(db, [{ code: 'QSE', name: 'Tỉnh thử bộ câu hỏi', kind: 'tinh', parentId: null }]);
    const units = await upsertUnits(db, [{ code: 'QSE.CB', name: 'Chi bộ thử bộ câu hỏi', kind: 'chi_bo', parentId: ids.get('QSE')! }]);
    await upsertModel(db, { unitId: units.get('QSE.CB')!, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });

    // The province's set: the default with the themed session's classes and people, and a model's households after its participants.
    const questions = DEFAULT_QUESTION_SET.questions.flatMap((q) => (q.key === 'themedAttendance' ? [q, CLASSES, PEOPLE] : q.key === 'participants' ? [q, HOUSEHOLDS] : [q]));
    await db.transaction((tx) =>
      publishQuestionSet(tx, { code: 'QSE', json: JSON.parse(JSON.stringify({ ...toQuestionSetFile(DEFAULT_QUESTION_SET), questions })), from: '2026-11-01', now: now(), timeZone: 'Asia/Ho_Chi_Minh', actor: { actorKind: 'cli' } }),
    );

    const secretary = telegramUser(SECRETARY, 'Lò Thị Mai');
    const { code } = await createInvitation(db, { unitCode: 'QSE.CB', role: 'secretary', days: 14, now: now() });
    await exchange(SECRETARY, secretary.text(`/start ${code}`));
    await exchange(SECRETARY, secretary.text('/baocao'));
    await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Bắt đầu')));
    for (const answer of ['1', '18/20', 'có', 'Học tập Chỉ thị 05', '77/85']) await exchange(SECRETARY, secretary.text(answer));
    expect(fake.sent(SECRETARY).at(-1)!.text).toBe('Tháng 11 tổ chức bao nhiêu lớp học tập chuyên đề?');
    await exchange(SECRETARY, secretary.text('nhiều'));
    await fake.waitFor(() => fake.sent(SECRETARY).some((m) => m.text.includes('ví dụ: 12 lớp')));
    await exchange(SECRETARY, secretary.text('197 lớp'));
    await exchange(SECRETARY, secretary.text('9.614 lượt'));
    await exchange(SECRETARY, secretary.text('2'));
    expect((await exchange(SECRETARY, secretary.text('35'))).text).toBe('Mô hình đã hỗ trợ bao nhiêu hộ?');
    for (const answer of ['12 hộ', 'Đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có']) await exchange(SECRETARY, secretary.text(answer));
    const summary = fake.sent(SECRETARY).map((m) => m.text).slice(-2).join('\n');
    expect(summary).toContain('• Lớp học tập chuyên đề: 197 lớp');
    expect(summary).toContain('• Hộ được hỗ trợ: 12 hộ');
    expect((await exchange(SECRETARY, secretary.tap(button(SECRETARY, 'Gửi báo cáo')))).text).toContain('Đã gửi báo cáo tháng 11/2026');

    // The leader's /tonghop shows the marked questions.
    const leader = telegramUser(LEADER, 'Vàng A Sử');
    const invitation = await createInvitation(db, { unitCode: 'QSE', role: 'leader', days: 14, now: now() });
    await exchange(LEADER, leader.text(`/start ${invitation.code}`));
    const digest = (await exchange(LEADER, leader.text('/tonghop'))).text;
    expect(digest).toContain('• Lớp học tập chuyên đề: 197 lớp');
    expect(digest).toContain('• Lượt người dự chuyên đề: 9.614 lượt người');
    expect(digest).toContain('• Dự chuyên đề / được mời: 77/85 (90,6%)');

    // The XLSX: a column per question in the sheet of its scope, headed by its short label.
    const unit = (await findUnitByCode(db, 'QSE'))!;
    const xlsx = await db.transaction((tx) => exportToBytes(tx, { unit, subtree: true, from: '2026-11-01', to: '2026-11-01', format: 'xlsx' }, { now: now(), timeZone: 'Asia/Ho_Chi_Minh' }));
    const workbook = await readWorkbook(xlsx.bytes);
    const cell = (sheet: string, header: string) => {
      const ws = workbook.getWorksheet(sheet)!;
      const headers = (ws.getRow(1).values as unknown[]).map(String);
      const column = headers.indexOf(header);
      expect(column, `${header} in ${headers.join(' | ')}`).toBeGreaterThan(0);
      return ws.getRow(2).getCell(column).value;
    };
    expect(cell('Đơn vị', 'Lớp học tập chuyên đề')).toBe(197);
    expect(cell('Đơn vị', 'Lượt người dự chuyên đề')).toBe(9614);
    expect(cell('Đơn vị', 'Dự chuyên đề / được mời')).toBe('77/85');
    expect(cell('Mô hình', 'Hộ được hỗ trợ')).toBe(12);

    // The review report: a sentence per marked question in section I.
    const docx = await db.transaction((tx) => exportToBytes(tx, { unit, subtree: true, from: '2026-11-01', to: '2026-11-01', format: 'docx' }, { now: now(), timeZone: 'Asia/Ho_Chi_Minh' }));
    const text = (await readDocx(docx.bytes)).text;
    expect(text).toContain('Lớp học tập chuyên đề: 197 lớp.');
    expect(text.indexOf('Lớp học tập chuyên đề: 197 lớp.')).toBeLessThan(text.indexOf('II. HẠN CHẾ'));
  });
});
