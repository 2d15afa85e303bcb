import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { findRulesForUnitPath } from '../../../src/storage/queries/schedules.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { makeAdmin, personNamed, unitId, webConsole } from '../../helpers/web-console.js';

const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let kt: number;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  kt = await unitId(handle.db, 'KT');
});
afterAll(async () => {
  await handle.close();
});

/** The form as the page offers it, with the fields the test changes. */
async function formOf(html: string, change: Record<string, string>) {
  const form: Record<string, string> = {};
  const body = html.slice(html.indexOf('class="admin calendar"'));
  for (const m of body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) form[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  for (const m of body.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[0]);
    if (selected) form[m[1]!] = selected[1]!;
  }
  delete form._csrf;
  return { ...form, ...change };
}

const errorNextTo = (html: string, field: string) => new RegExp(`name="${field}"[^>]*aria-invalid="true"`).test(html) || new RegExp(`aria-invalid="true"[^>]*name="${field}"`).test(html);

describe('the calendar page (/quan-tri/lich)', () => {
  it('shows the rules in a form and next month\'s dates as they stand', async () => {
    const web = webConsole(handle.db, start);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Lịch'));
    const res = await admin.get('/quan-tri/lich');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Lịch báo cáo');
    expect(html).toContain('Các mốc của tháng 12/2026 theo lịch hiện hành');
    expect(html).toContain('08:00 ngày 20/12/2026');
    expect(html).toContain('Mở kỳ báo cáo tháng 12/2026');
    expect(html).toContain('23:59 ngày 25/12/2026');
    expect(html).toContain('Nhắc hạn tháng 12/2026 (trước 3 ngày)');
    expect(html).toContain('08:00 ngày 22/12/2026');
    expect(html).toContain('07:30 ngày 07/12/2026');
    expect(html).toContain('Báo lãnh đạo cấp trên các đơn vị chưa nộp tháng 12/2026');
  });

  it('previews a changed due day without saving it, then saves it with an audit entry', async () => {
    const web = webConsole(handle.db, start);
    const adminId = await makeAdmin(handle.db, 'KT', 'Quản Trị Hạn');
    const admin = await web.signIn(adminId);
    const before = await findRulesForUnitPath(handle.db, `/${kt}/`);
    const page = await (await admin.get('/quan-tri/lich')).text();
    const form = await formOf(page, { han: '27' });
    const preview = await admin.post('/quan-tri/lich', { ...form, 'hanh-dong': 'xem-truoc' });
    expect(preview.status).toBe(200);
    const shown = await preview.text();
    expect(shown).toContain('Các mốc của tháng 12/2026 theo lịch đang nhập');
    expect(shown).toContain('chưa được lưu');
    expect(shown).toContain('23:59 ngày 27/12/2026');
    expect(shown).toContain('08:00 ngày 24/12/2026');
    expect(shown).toMatch(/<option value="27" selected/);
    expect((await findRulesForUnitPath(handle.db, `/${kt}/`)).rules.dueOnDay).toBe(before.rules.dueOnDay);

    const saved = await admin.post('/quan-tri/lich', { ...form, 'hanh-dong': 'luu' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/quan-tri/lich?to-chuc=${kt}&ket-qua=da-luu`);
    expect((await findRulesForUnitPath(handle.db, `/${kt}/`)).rules.dueOnDay).toBe(27);
    const after = await (await admin.get(saved.headers.get('location')!)).text();
    expect(after).toContain('Đã lưu lịch báo cáo');
    expect(after).toContain('23:59 ngày 27/12/2026');
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'calendar.update'), eq(t.auditLog.actorPersonId, adminId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ unitId: kt, before: { dueOnDay: before.rules.dueOnDay }, after: { dueOnDay: 27 }, via: 'web' });

    // Back to the 25th, so the other tests see the demo's calendar.
    const again = await formOf(after, { han: '25' });
    expect((await admin.post('/quan-tri/lich', { ...again, 'hanh-dong': 'luu' })).status).toBe(303);
  });

  it('refuses an impossible calendar with the reason next to the field, and stores nothing', async () => {
    const web = webConsole(handle.db, start);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Sai'));
    const page = await (await admin.get('/quan-tri/lich')).text();
    const stored = await findRulesForUnitPath(handle.db, `/${kt}/`);
    const cases: [Record<string, string>, string, string][] = [
      [{ han: '30' }, 'han', 'Không phải tháng nào cũng có ngày 30 (không có trong tháng 2)'],
      [{ han: '29' }, 'han', 'tháng 2 năm không nhuận'],
      [{ 'ngay-mo': '31', han: '31', nhac: '0' }, '', ''],
      [{ nhac: '3, -1' }, 'nhac', 'Tin nhắc không thể sau hạn nộp'],
      [{ nhac: '10' }, 'nhac', 'Nhắc trước 10 ngày thì rơi vào trước ngày mở kỳ'],
      [{ 'ngay-mo': '26' }, 'han', 'Hạn nộp không thể trước ngày mở kỳ'],
      [{ 'yen-tu': '7', 'yen-den': '7' }, 'yen-tu', 'không rõ là yên lặng cả ngày hay không lúc nào'],
      [{ 'gio-mo': '24' }, 'gio-mo', 'Giờ phải từ 0 đến 23.'],
      [{ 'gio-nhac': '22' }, 'gio-nhac', 'đang nằm trong giờ yên lặng'],
      [{ 'tong-hop-gio': '25:00' }, 'tong-hop-gio', 'Nhập giờ:phút'],
      [{ hoan: '0' }, 'hoan', 'Nhập một số nguyên từ 1 đến 48.'],
    ];
    for (const [change, field, reason] of cases) {
      for (const action of field ? ['xem-truoc', 'luu'] : ['xem-truoc']) {
        const res = await admin.post('/quan-tri/lich', { ...(await formOf(page, change)), 'hanh-dong': action });
        const html = await res.text();
        if (!field) {
          // «Ngày cuối tháng» for both is a calendar that holds (previewed only here).
          expect(res.status, JSON.stringify(change)).toBe(200);
          expect(html).toContain('23:59 ngày 31/12/2026');
          continue;
        }
        expect(res.status, `${JSON.stringify(change)} ${action}`).toBe(400);
        expect(html).toContain(reason);
        expect(html).toContain('Chưa lưu được');
        expect(errorNextTo(html, field), field).toBe(true);
        expect(html).not.toContain('theo lịch đang nhập');
      }
    }
    expect((await findRulesForUnitPath(handle.db, `/${kt}/`)).rules).toEqual(stored.rules);
  });

  it('tells the second of two admins that the calendar changed, and keeps the first one\'s save', async () => {
    const web = webConsole(handle.db, start);
    const first = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Một'));
    const second = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Hai'));
    const firstForm = await formOf(await (await first.get('/quan-tri/lich')).text(), { han: '26' });
    const secondForm = await formOf(await (await second.get('/quan-tri/lich')).text(), { 'gio-nhac': '9' });
    expect((await first.post('/quan-tri/lich', { ...firstForm, 'hanh-dong': 'luu' })).status).toBe(303);
    const late = await second.post('/quan-tri/lich', { ...secondForm, 'hanh-dong': 'luu' });
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain('Dữ liệu vừa được người khác thay đổi');
    expect(html).toMatch(/name="han"[\s\S]*?<option value="26" selected/);
    const rules = (await findRulesForUnitPath(handle.db, `/${kt}/`)).rules;
    expect(rules.dueOnDay).toBe(26);
    expect(rules.reminderHour).toBe(8);
    // With the fresh version the second admin's change goes through.
    const retry = await formOf(html, { 'gio-nhac': '9' });
    expect((await second.post('/quan-tri/lich', { ...retry, 'hanh-dong': 'luu' })).status).toBe(303);
    expect((await findRulesForUnitPath(handle.db, `/${kt}/`)).rules).toMatchObject({ dueOnDay: 26, reminderHour: 9 });
    const reset = await formOf(await (await second.get('/quan-tri/lich')).text(), { han: '25', 'gio-nhac': '8' });
    expect((await second.post('/quan-tri/lich', { ...reset, 'hanh-dong': 'luu' })).status).toBe(303);
  });

  it('is an admin\'s page: a leader gets 403 (the post audited), another organisation 404', async () => {
    const web = webConsole(handle.db, start);
    const leaderId = await personNamed(handle.db, 'Lê Quang Vinh');
    const leader = await web.signIn(leaderId);
    expect((await leader.get('/quan-tri/lich')).status).toBe(403);
    expect((await leader.post('/quan-tri/lich', { han: '27', 'hanh-dong': 'luu' })).status).toBe(403);
    const refused = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'web.admin.forbidden'), eq(t.auditLog.actorPersonId, leaderId)));
    expect(refused.some((r) => r.entityId === '/quan-tri/lich')).toBe(true);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Khác'));
    const other = (await handle.db.select({ id: t.orgUnits.id, code: t.orgUnits.code, parentId: t.orgUnits.parentId }).from(t.orgUnits)).find((u) => u.parentId === null && u.id !== kt)!;
    expect((await admin.get(`/quan-tri/lich?to-chuc=${other.id}`)).status).toBe(404);
    expect((await admin.post(`/quan-tri/lich?to-chuc=${other.id}`, { han: '27', 'hanh-dong': 'luu' })).status).toBe(404);
  });
});
