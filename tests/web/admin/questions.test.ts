import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundPayload } from '../../../src/delivery/payload.js';
import { handleInbound } from '../../../src/services/inbound.js';
import { createInvitation } from '../../../src/services/invite.js';
import { queryRows, type DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { createFreshUnit } from '../../helpers/fresh-unit.js';
import { SLOW_TEST_TIMEOUT_MS } from '../../helpers/timeouts.js';
import { makeAdmin, personWithRole, webConsole } from '../../helpers/web-console.js';

/**
 * The question-set editor (/quan-tri/cau-hoi, issue 18) over HTTP: admins only, their own
 * organisation only; a draft edited and checked as `questions publish` checks it; the preview
 * walking the real engine; publishing from a month, with check-ins begun keeping their version.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let updateId = 0;

beforeAll(async () => {
  handle = await createDemoOnTelegram(timeZone);
}, SLOW_TEST_TIMEOUT_MS);
afterAll(async () => {
  await handle.close();
});

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The fields a form posts as the page drew it (checked boxes, selected options, textareas), without buttons. */
function formFields(html: string, marker: string): Record<string, string> {
  const from = html.indexOf(marker);
  const body = html.slice(from, html.indexOf('</form>', from));
  const form: Record<string, string> = {};
  for (const m of body.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    if (/type="checkbox"/.test(attrs) && !/checked/.test(attrs)) continue;
    form[name] = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  for (const m of body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) form[m[1]!] = decode(m[2]!);
  for (const m of body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) form[m[1]!] = decode(/<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '');
  delete form._csrf;
  return form;
}

/** The row index of a question (by its key) in an editor form. */
const rowOf = (form: Record<string, string>, key: string) => Number(Object.entries(form).find(([k, v]) => /^c\d+-ma$/.test(k) && v === key)![0].slice(1).split('-')[0]);

async function adminWithDraft(name: string) {
  const web = webConsole(handle.db, start);
  const adminId = await makeAdmin(handle.db, 'KT', name);
  const admin = await web.signIn(adminId);
  return { web, admin, adminId };
}

async function openDraft(admin: Awaited<ReturnType<typeof adminWithDraft>>['admin'], code = 'KT') {
  const created = await admin.post(`/quan-tri/cau-hoi/nhap?don-vi=${code}`, {});
  expect(created.status).toBe(303);
  const page = await (await admin.get(created.headers.get('location')!)).text();
  return { page, form: formFields(page, 'class="question-editor"') };
}

describe('the question-set editor (/quan-tri/cau-hoi)', () => {
  it('is for admins only (a leader or a secretary gets 403), and only inside their organisation (404)', async () => {
    const web = webConsole(handle.db, start);
    for (const who of [await personWithRole(handle.db, 'KT.KONRAY', 'leader'), await personWithRole(handle.db, 'KT.KONRAY.DTL.KONBRAI', 'secretary')]) {
      const person = await web.signIn(who);
      expect((await person.get('/quan-tri/cau-hoi')).status).toBe(403);
      expect((await person.get('/quan-tri/cau-hoi/thu')).status).toBe(403);
      expect((await person.post('/quan-tri/cau-hoi/nhap?don-vi=KT', {})).status).toBe(403);
    }
    const { admin } = await adminWithDraft('Quản Trị Câu Hỏi Một');
    const home = await (await admin.get('/quan-tri')).text();
    expect(home).toContain('href="/quan-tri/cau-hoi"');
    const page = await admin.get('/quan-tri/cau-hoi');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Bộ câu hỏi mặc định, phiên bản 2');
    expect(html).toContain('Tháng báo cáo hiện tại: 11/2026');
    expect((await admin.get('/quan-tri/cau-hoi?don-vi=AG')).status).toBe(404);
    expect((await admin.get('/quan-tri/cau-hoi?don-vi=KHONG.CO')).status).toBe(404);
    expect((await admin.post('/quan-tri/cau-hoi/nhap?don-vi=AG', {})).status).toBe(404);
    expect((await admin.get('/quan-tri/cau-hoi?don-vi=KT.KONRAY')).status).toBe(200);
  });

  it('edits a draft: rewords, adds a question, moves it up; an inconsistent set is refused with every problem next to its question', async () => {
    const { admin, adminId } = await adminWithDraft('Quản Trị Câu Hỏi Hai');
    const { page, form } = await openDraft(admin);
    expect(page).toContain('Đã tạo bản nháp');
    expect(page).toContain('Chỉ tiêu chuẩn: chỉ được sửa lời');
    const n = Number(form['so-cau']);
    expect(n).toBe(14);

    // «Thêm câu hỏi» adds a blank question at the end, not stored yet.
    const added = await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...form, 'hanh-dong': 'them' });
    expect(added.status).toBe(200);
    const addedHtml = await added.text();
    expect(addedHtml).toContain('Chưa lưu: bấm «Lưu bản nháp»');
    const withNew = formFields(addedHtml, 'class="question-editor"');
    expect(withNew['so-cau']).toBe(String(n + 1));

    // A choice question with no choices, a condition on a later question, a negative bound, a duplicate key: every problem, as typed.
    const themed = rowOf(form, 'themedSessionHeld');
    const bad = {
      ...withNew,
      [`c${n}-ma`]: 'themedClasses',
      [`c${n}-kieu`]: 'choice',
      [`c${n}-ten`]: 'Lớp chuyên đề',
      [`c${n}-hoi`]: 'Tháng {month} có lớp chuyên đề nào?',
      [`c${n}-nho-nhat`]: '-1',
      [`c${themed}-chi-hoi-neu`]: 'proposals',
      [`c${rowOf(form, 'results')}-ma`]: 'modelDifficulties',
      [`c${rowOf(form, 'meetingsHeld')}-ten`]: 'Số cuộc sinh hoạt',
      'hanh-dong': 'luu',
    };
    const refused = await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', bad);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Chưa lưu được: 4 lỗi');
    const box = (i: number) => refusedHtml.slice(refusedHtml.indexOf(`id="cau-${i + 1}"`), refusedHtml.indexOf('</fieldset>', refusedHtml.indexOf(`id="cau-${i + 1}"`)));
    expect(box(n)).toContain('Câu lựa chọn chưa có lựa chọn nào');
    expect(box(n)).toContain('Giới hạn min = -1 không hợp lệ');
    expect(box(n)).toMatch(/name="c14-nho-nhat" value="-1"[^>]*aria-invalid="true"/);
    expect(box(themed)).toContain('đứng sau (hoặc chính là) câu này');
    expect(box(rowOf(form, 'modelDifficulties'))).toContain('Mã &quot;modelDifficulties&quot; bị trùng');
    expect(refusedHtml).toContain('value="Số cuộc sinh hoạt"');
    const [draft] = await handle.db.select().from(t.questionSetDrafts);
    expect(JSON.stringify(draft!.definition)).not.toContain('Số cuộc sinh hoạt');

    // Fixed, and moved up above «Đề xuất»: saved, audited.
    const fixed = { ...bad, [`c${n}-kieu`]: 'number', [`c${n}-don-vi-tinh`]: 'lớp', [`c${n}-nho-nhat`]: '', [`c${themed}-chi-hoi-neu`]: '', [`c${rowOf(form, 'results')}-ma`]: 'results' };
    const moved = formFields(await (await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...fixed, 'hanh-dong': `len-${n}` })).text(), 'class="question-editor"');
    expect(moved[`c${n - 1}-ma`]).toBe('themedClasses');
    expect(moved[`c${n}-ma`]).toBe('proposals');
    const saved = await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...moved, 'hanh-dong': 'luu' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/quan-tri/cau-hoi/nhap?don-vi=KT&ket-qua=da-luu');
    const after = await (await admin.get(saved.headers.get('location')!)).text();
    expect(after).toContain('Đã lưu bản nháp');
    expect(after).toContain('value="Số cuộc sinh hoạt"');
    const [stored] = await handle.db.select().from(t.questionSetDrafts);
    const keys = (stored!.definition as { questions: { key: string }[] }).questions.map((q) => q.key);
    expect(keys.slice(-2)).toEqual(['themedClasses', 'proposals']);
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'question_set_draft.update'), eq(t.auditLog.actorPersonId, adminId)));
    expect(audit).toHaveLength(1);

    // The form loaded before that save is stale now: 409, nothing stored.
    const stale = await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...moved, [`c0-ten`]: 'Cũ', 'hanh-dong': 'luu' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('vừa được người khác thay đổi');

    // Tidy for the next tests: the draft dropped.
    const fresh = formFields(after, 'class="question-editor"');
    expect((await admin.post('/quan-tri/cau-hoi/nhap/bo?don-vi=KT', { 'phien-ban': fresh['phien-ban']! })).status).toBe(303);
  });

  it('keeps the standard indicators: no remove button, a removal by hand or by JSON is refused', async () => {
    const { admin } = await adminWithDraft('Quản Trị Câu Hỏi Ba');
    const { page, form } = await openDraft(admin);
    const meetings = rowOf(form, 'meetingsHeld');
    expect(page).not.toContain(`value="xoa-${meetings}"`);
    expect(page).toContain(`value="xoa-${rowOf(form, 'results')}"`);
    expect(page).not.toContain(`<select name="c${meetings}-kieu"`);
    expect(page).toContain(`<input type="hidden" name="c${meetings}-kieu" value="count"/>`);
    // Pressing a remove that the page does not offer does nothing.
    const kept = formFields(await (await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...form, 'hanh-dong': `xoa-${meetings}` })).text(), 'class="question-editor"');
    expect(kept[`c${meetings}-ma`]).toBe('meetingsHeld');
    // Retyping it is ignored: a standard indicator keeps its kind.
    const retyped = await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...form, [`c${meetings}-kieu`]: 'text', 'hanh-dong': 'luu' });
    expect(retyped.status).toBe(303);

    const current = formFields(await (await admin.get('/quan-tri/cau-hoi/nhap?don-vi=KT')).text(), 'class="question-editor"');
    const json = JSON.parse(formFields(await (await admin.get('/quan-tri/cau-hoi/nhap?don-vi=KT')).text(), '/nhap/json').json!) as { questions: { key: string; kind: string }[] };
    expect(json.questions.find((q) => q.key === 'meetingsHeld')!.kind).toBe('count');
    json.questions = json.questions.filter((q) => q.key !== 'progress');
    const pasted = await admin.post('/quan-tri/cau-hoi/nhap/json?don-vi=KT', { 'phien-ban': current['phien-ban']!, json: JSON.stringify(json) });
    expect(pasted.status).toBe(400);
    const html = await pasted.text();
    expect(html).toContain('Chỉ tiêu chuẩn &quot;progress&quot; bị xóa');
    const notASet = await admin.post('/quan-tri/cau-hoi/nhap/json?don-vi=KT', { 'phien-ban': current['phien-ban']!, json: '{"cau": []}' });
    expect(notASet.status).toBe(400);
    expect(await notASet.text()).toContain('Không phải một bộ câu hỏi');
    expect((await admin.post('/quan-tri/cau-hoi/nhap/bo?don-vi=KT', { 'phien-ban': current['phien-ban']! })).status).toBe(303);
  });

  it('previews the draft as a secretary: the real questions, a re-prompt on bad input, a condition that skips a question, nothing stored', async () => {
    const { admin } = await adminWithDraft('Quản Trị Câu Hỏi Bốn');
    await openDraft(admin);
    const [{ n: reportsBefore }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from reports`)) as [{ n: number }];
    let html = await (await admin.get('/quan-tri/cau-hoi/thu?don-vi=KT')).text();
    expect(html).toContain('Chào đồng chí Nguyễn Văn Thử');
    expect(html).toMatch(/<button type="submit" name="nut" value="start">Bắt đầu<\/button>/);
    const step = async (fields: Record<string, string>) => {
      const sent = decode(/name="da-gui" value="([^"]*)"/.exec(html)![1]!);
      const res = await admin.post('/quan-tri/cau-hoi/thu?don-vi=KT', { 'da-gui': sent, ...fields });
      expect(res.status).toBe(200);
      html = await res.text();
      return html;
    };
    await step({ nut: 'start' });
    expect(html).toContain('Tháng 11 chi bộ sinh hoạt thường kỳ mấy cuộc?');
    await step({ 'tra-loi': 'nhiều lắm' });
    expect(html).toContain('nhiều lắm');
    expect(html.match(/Tháng 11 chi bộ sinh hoạt thường kỳ mấy cuộc\?/g)).toHaveLength(2);
    // 0 meetings: attendance (asked only after a meeting) is skipped.
    await step({ 'tra-loi': 'không' });
    expect(html).not.toContain('Bao nhiêu đảng viên dự');
    expect(html).toContain('Tháng này chi bộ có sinh hoạt chuyên đề không?');
    await step({ nut: /name="nut" value="([^"]+)">Không</.exec(html)![1]! });
    expect(html).toContain('Mô hình 1/2 «Mô hình thử 1»');
    await step({ 'tra-loi': '0' });
    // An idle model skips the rest of its questions: straight to the second model.
    expect(html).toContain('Mô hình 2/2 «Mô hình thử 2»');
    expect(html).toMatch(/class="bubble">Không<\/div>/);
    // «Làm lại» starts over.
    await step({ 'lam-lai': '1' });
    expect(html).not.toContain('Mô hình 1/2');
    expect(/name="da-gui" value="([^"]*)"/.exec(html)![1]).toBe('[]');
    // A forged state is read with zod and ignored, never trusted.
    const forged = await admin.post('/quan-tri/cau-hoi/thu?don-vi=KT', { 'da-gui': '[{"type":"sql","x":1}]', 'tra-loi': 'bắt đầu' });
    expect(await forged.text()).toContain('sinh hoạt thường kỳ mấy cuộc');
    const [{ n: reportsAfter }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from reports`)) as [{ n: number }];
    expect(reportsAfter).toBe(reportsBefore);
  });

  it('publishes from a month: a check-in not begun takes the new version, one begun keeps its own; a past month is refused', async () => {
    const begun = await join('91001', await createFreshUnit(handle.db, 'QE.BEGUN'));
    const waiting = await join('91002', await createFreshUnit(handle.db, 'QE.WAIT'));
    await begun.say('/baocao', start);
    expect(await begun.say('bắt đầu', start)).toContain('sinh hoạt thường kỳ');
    expect(await waiting.say('/baocao', start)).toContain('Bắt đầu nhé?');

    const { admin, adminId } = await adminWithDraft('Quản Trị Câu Hỏi Năm');
    const { form } = await openDraft(admin);
    const first = rowOf(form, 'meetingsHeld');
    const reworded = await admin.post('/quan-tri/cau-hoi/nhap/luu?don-vi=KT', { ...form, [`c${first}-hoi`]: 'Tháng {month}, chi bộ họp thường kỳ mấy lần?', 'hanh-dong': 'luu' });
    expect(reworded.status).toBe(303);
    const editor = await (await admin.get('/quan-tri/cau-hoi/nhap?don-vi=KT')).text();
    expect(editor).toMatch(/<input type="month" name="tu-thang" value="2026-11" min="2026-11"/);
    const version = formFields(editor, '/ap-dung')['phien-ban']!;

    const past = await admin.post('/quan-tri/cau-hoi/ap-dung?don-vi=KT', { 'phien-ban': version, 'tu-thang': '2026-10' });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('Tháng 10/2026 đã qua; chỉ áp dụng được từ tháng hiện tại (11/2026)');
    const published = await admin.post('/quan-tri/cau-hoi/ap-dung?don-vi=KT', { 'phien-ban': version, 'tu-thang': '2026-11' });
    expect(published.status).toBe(303);
    const done = await (await admin.get(published.headers.get('location')!)).text();
    expect(done).toContain('Đã áp dụng bộ câu hỏi phiên bản 1 cho');
    expect(done).toContain('từ tháng 11/2026 (14 câu)');
    expect(done).toContain('Chưa có bản nháp');
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'question_set.publish'), eq(t.auditLog.actorPersonId, adminId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ unit: 'KT', from: '2026-11-01', after: { version: 1, questions: 14 } });

    expect(await waiting.tap('start', start)).toBe('Tháng 11, chi bộ họp thường kỳ mấy lần?');
    expect(await begun.say('1', start)).toContain('đảng viên dự');
  }, SLOW_TEST_TIMEOUT_MS);

  it('chooses a subtree by unit code: its own draft and version, listed on the organisation\'s page', async () => {
    const { admin } = await adminWithDraft('Quản Trị Câu Hỏi Sáu');
    const before = await (await admin.get('/quan-tri/cau-hoi?don-vi=KT.KONRAY')).text();
    expect(before).toContain('Nhánh này chưa có bộ riêng');
    const { form } = await openDraft(admin, 'KT.KONRAY');
    const published = await admin.post('/quan-tri/cau-hoi/ap-dung?don-vi=KT.KONRAY', { 'phien-ban': form['phien-ban']!, 'tu-thang': '12/2026' });
    expect(published.status).toBe(303);
    const own = await (await admin.get(published.headers.get('location')!)).text();
    expect(own).toContain('Đã áp dụng bộ câu hỏi phiên bản 1 cho Huyện ủy Kon Rẫy từ tháng 12/2026');
    const org = await (await admin.get('/quan-tri/cau-hoi')).text();
    expect(org).toContain('href="/quan-tri/cau-hoi?don-vi=KT.KONRAY"');
    const [row] = await queryRows<{ code: string; from: string }>(handle.db, sql`select u.code, q.effective_from::text as from from question_sets q join org_units u on u.id = q.scope_unit_id where u.code = 'KT.KONRAY'`);
    expect(row).toEqual({ code: 'KT.KONRAY', from: '2026-12-01' });
  });
});

function user(id: string) {
  let last: OutboundPayload | undefined;
  const send = async (message: { type: 'text'; text: string } | { type: 'choice'; value: string }, at: Date) => {
    updateId += 1;
    const button = message.type === 'choice' && last?.conversationId !== undefined ? { button: { conversationId: last.conversationId, version: last.version! } } : {};
    const outcome = await handleInbound(handle.db, { channel: 'telegram', externalId: `qe-${updateId}`, receivedAt: at, from: { externalUserId: id, chatId: id, displayName: id }, message, ...button }, { timeZone });
    const rows = outcome.outboxIds.length ? await handle.db.select().from(t.outboundMessages).orderBy(asc(t.outboundMessages.id)) : [];
    const payloads = rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => r.payload as OutboundPayload);
    if (payloads.length) last = payloads.at(-1);
    return payloads.map((p) => p.text).join('\n');
  };
  return { say: (text: string, at: Date) => send({ type: 'text', text }, at), tap: (value: string, at: Date) => send({ type: 'choice', value }, at) };
}

async function join(id: string, unitCode: string) {
  const who = user(id);
  const { code } = await createInvitation(handle.db, { unitCode, role: 'secretary', days: 14, now: start });
  expect(await who.say(`/start ${code}`, start)).toContain('Chào mừng');
  return who;
}
