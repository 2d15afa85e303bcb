import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeadlines } from '../../../src/services/deadlines.js';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
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

const titled = async (title: string) => (await listDeadlines(handle.db, { orgCode: 'KT' })).deadlines.find((d) => d.title === title);

describe('review deadlines in the console (/quan-tri/lich/han)', () => {
  it('adds one with its months and notice days, edits it, cancels it; each audited', async () => {
    const web = webConsole(handle.db, start);
    const adminId = await makeAdmin(handle.db, 'KT', 'Quản Trị Sơ Kết');
    const admin = await web.signIn(adminId);
    const list = await admin.get('/quan-tri/lich/han');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Đặt hạn mới');

    const added = await admin.post('/quan-tri/lich/han', { loai: 'so-ket', 'tieu-de': 'Sơ kết 6 tháng đầu năm 2027', tu: '2027-01', den: '2027-06', han: '2027-07-15', nhac: '10, 5' });
    expect(added.status).toBe(303);
    const page = await (await admin.get(added.headers.get('location')!)).text();
    expect(page).toContain('Đã đặt hạn «Sơ kết 6 tháng đầu năm 2027»');
    expect(page).toContain('01/2027–06/2027');
    expect(page).toContain('15/07/2027');
    expect(page).toContain('10, 5 ngày');
    const row = (await titled('Sơ kết 6 tháng đầu năm 2027'))!;
    expect(row).toMatchObject({ kind: 'so_ket', coversFrom: '2027-01-01', coversTo: '2027-06-30', noticeDaysBefore: [10, 5] });

    const edit = await admin.get(`/quan-tri/lich/han/${row.id}/sua`);
    expect(edit.status).toBe(200);
    const editHtml = await edit.text();
    expect(editHtml).toContain('value="2027-07-15"');
    const version = /name="phien-ban" value="([^"]+)"/.exec(editHtml)![1]!;
    const saved = await admin.post(`/quan-tri/lich/han/${row.id}/sua`, { 'phien-ban': version, loai: 'so-ket', 'tieu-de': 'Sơ kết 6 tháng đầu năm 2027', tu: '2027-01', den: '2027-06', han: '2027-07-20', nhac: '' });
    expect(saved.status).toBe(303);
    expect(await (await admin.get(saved.headers.get('location')!)).text()).toContain('20/07/2027');
    expect(await titled('Sơ kết 6 tháng đầu năm 2027')).toMatchObject({ noticeDaysBefore: null });
    // The same form again with the old version: someone changed it meanwhile.
    const stale = await admin.post(`/quan-tri/lich/han/${row.id}/sua`, { 'phien-ban': version, loai: 'so-ket', 'tieu-de': 'Khác', tu: '2027-01', den: '2027-06', han: '2027-07-25', nhac: '' });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('Dữ liệu vừa được người khác thay đổi');
    expect(staleHtml).toContain('value="2027-07-20"');

    const confirm = await admin.get(`/quan-tri/lich/han/${row.id}/huy`);
    expect(await confirm.text()).toContain('Hủy hạn «Sơ kết 6 tháng đầu năm 2027»?');
    const cancelled = await admin.post(`/quan-tri/lich/han/${row.id}/huy`, {});
    expect(cancelled.status).toBe(303);
    expect(await (await admin.get(cancelled.headers.get('location')!)).text()).toContain('Đã hủy hạn');
    expect(await titled('Sơ kết 6 tháng đầu năm 2027')).toBeUndefined();
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.entityType, 'review_deadline'), eq(t.auditLog.actorPersonId, adminId)));
    expect(audit.map((a) => a.action)).toEqual(['deadline.add', 'deadline.edit', 'deadline.cancel']);
    expect(audit[1]!.details).toMatchObject({ before: { dueAt: '2027-07-15T16:59:59.000Z' }, after: { dueAt: '2027-07-20T16:59:59.000Z' } });
  });

  it('refuses a deadline in the past, a range backwards, a bad date or notice days, next to the field', async () => {
    const web = webConsole(handle.db, start);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Hạn Sai'));
    const ok = { loai: 'tong-ket', 'tieu-de': '', tu: '2026-01', den: '2026-12', han: '2026-12-20', nhac: '' };
    const cases: [Record<string, string>, string, string][] = [
      [{ han: '2026-11-20' }, 'han', 'Hạn đã qua'],
      [{ han: '2026-02-30' }, 'han', 'Nhập một ngày có thật'],
      [{ den: '2025-12' }, 'den', '«Đến tháng» phải từ «Từ tháng» trở đi'],
      [{ tu: 'tháng một' }, 'tu', 'Chọn tháng'],
      [{ nhac: '90' }, 'nhac', 'Nhập các số ngày từ 1 đến 60'],
      [{ loai: 'hop' }, 'loai', 'Chọn sơ kết, tổng kết hoặc chuyên đề'],
    ];
    const count = (await listDeadlines(handle.db, { orgCode: 'KT' })).deadlines.length;
    for (const [change, field, reason] of cases) {
      const res = await admin.post('/quan-tri/lich/han', { ...ok, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      const html = await res.text();
      expect(html).toContain(reason);
      expect(html).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
    }
    expect((await listDeadlines(handle.db, { orgCode: 'KT' })).deadlines.length).toBe(count);
    // The title is made from the kind and the months, as on the command line.
    const made = await admin.post('/quan-tri/lich/han', ok);
    expect(made.status).toBe(303);
    expect(await titled('Tổng kết 01/2026–12/2026')).toBeDefined();
  });

  it('is an admin\'s: a leader gets 403, a deadline of another organisation 404', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get('/quan-tri/lich/han')).status).toBe(403);
    expect((await leader.post('/quan-tri/lich/han', { loai: 'so-ket', tu: '2027-01', den: '2027-06', han: '2027-07-15' })).status).toBe(403);
    const other = (await handle.db.select().from(t.orgUnits)).find((u) => u.parentId === null && u.id !== kt)!;
    const [foreign] = await handle.db
      .insert(t.reviewDeadlines)
      .values({ scopeUnitId: other.id, kind: 'so_ket', title: 'Của tổ chức khác', coversFrom: '2027-01-01', coversTo: '2027-06-30', dueAt: new Date('2027-07-15T16:59:59Z') })
      .returning();
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Ngoài'));
    expect((await admin.get(`/quan-tri/lich/han/${foreign!.id}/sua`)).status).toBe(404);
    expect((await admin.post(`/quan-tri/lich/han/${foreign!.id}/huy`, {})).status).toBe(404);
    expect(await (await admin.get('/quan-tri/lich/han')).text()).not.toContain('Của tổ chức khác');
  });
});
