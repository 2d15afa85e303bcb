import { readFile } from 'node:fs/promises';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { confirmImport, previewImport } from '../../../src/services/import-upload.js';
import { snapshotUnits } from '../../../src/storage/queries/organisation-snapshot.js';
import { diffSnapshots } from '../../../src/core/import/import-changes.js';
import { makeAdmin, personNamed, webConsole } from '../../helpers/web-console.js';

const start = new Date('2026-12-03T03:00:00Z');
let handle: DatabaseHandle;
let web: ReturnType<typeof webConsole>;
let admin: Awaited<ReturnType<ReturnType<typeof webConsole>['signIn']>>;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  web = webConsole(handle.db, start);
  admin = await web.signIn(await makeAdmin(handle.db, 'KT'));
});
afterAll(async () => {
  await handle.close();
});

type Browser = typeof admin;

/** Uploads a file through the form's multipart post. */
function upload(who: Browser, name: string, content: string | Uint8Array, csrf = who.csrf) {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set('tep', new File([content], name));
  return web.request('/quan-tri/nhap-tep/xem-truoc', { method: 'POST', body: form, cookie: who.cookie });
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';

async function unitNamed(code: string) {
  const [row] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, code));
  return row;
}

const UNITS = [
  'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên',
  'KT.KONRAY.DTL.MOI,Chi bộ thôn Mới,chi bộ,KT.KONRAY.DTL',
  'KT.KONRAY.DTL.KONBRAI,Chi bộ thôn Kon Brai (mới),chi bộ,KT.KONRAY.DR',
].join('\n');

describe('importing a spreadsheet in the console', () => {
  it('shows the page with the upload form and the sample files, which download', async () => {
    const res = await admin.get('/quan-tri/nhap-tep');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('enctype="multipart/form-data"');
    for (const name of ['to-chuc-mau.xlsx', 'don-vi.csv', 'nhan-su.csv', 'mo-hinh.csv']) expect(html).toContain(`/quan-tri/nhap-tep/mau/${name}`);
    const sample = await admin.get('/quan-tri/nhap-tep/mau/don-vi.csv');
    expect(sample.status).toBe(200);
    expect(sample.headers.get('content-disposition')).toContain('don-vi.csv');
    expect(await sample.text()).toBe(await readFile('samples/don-vi.csv', 'utf8'));
    const xlsx = new Uint8Array(await (await admin.get('/quan-tri/nhap-tep/mau/to-chuc-mau.xlsx')).arrayBuffer());
    expect(xlsx).toEqual(new Uint8Array(await readFile('samples/to-chuc-mau.xlsx')));
    expect((await admin.get('/quan-tri/nhap-tep/mau/..%2Fpackage.json')).status).toBe(404);
  });

  it('previews the changes (added, moved, changed, ended) without writing, then writes exactly them on confirmation', async () => {
    const res = await upload(admin, 'don-vi.csv', UNITS);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Xem trước: don-vi.csv');
    expect(html).toContain('Thêm 1 · sửa 1 · chuyển 1 · thôi giữ vai trò 0');
    expect(html).toContain('Chi bộ thôn Mới');
    expect(html).toContain('cấp trên: KT.KONRAY.DTL → KT.KONRAY.DR');
    // Nothing written yet.
    expect(await unitNamed('KT.KONRAY.DTL.MOI')).toBeUndefined();
    expect((await unitNamed('KT.KONRAY.DTL.KONBRAI'))!.name).toBe('Chi bộ thôn Kon Brai');

    const confirmed = await admin.post('/quan-tri/nhap-tep/xac-nhan', { tep: hidden(html, 'tep'), 'ban-xem-truoc': hidden(html, 'ban-xem-truoc') });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/quan-tri/nhap-tep?ket-qua=da-nhap&so=3');
    expect(await (await admin.get(confirmed.headers.get('location')!)).text()).toContain('Đã nhập: 3 thay đổi đã được ghi.');
    const added = await unitNamed('KT.KONRAY.DTL.MOI');
    const moved = await unitNamed('KT.KONRAY.DTL.KONBRAI');
    const dr = await unitNamed('KT.KONRAY.DR');
    expect(added).toMatchObject({ name: 'Chi bộ thôn Mới', kind: 'chi_bo' });
    expect(moved).toMatchObject({ name: 'Chi bộ thôn Kon Brai (mới)', parentId: dr!.id });
    const [audit] = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'import'), eq(t.auditLog.actorKind, 'person')));
    expect(audit).toMatchObject({ actorPersonId: await personNamed(handle.db, 'Quản Trị Viên') });
    // The upload is gone: confirming twice imports nothing more.
    const again = await admin.post('/quan-tri/nhap-tep/xac-nhan', { tep: hidden(html, 'tep'), 'ban-xem-truoc': hidden(html, 'ban-xem-truoc') });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Bản xem trước đã hết hạn');
  });

  it('ends a role through «Ngày thôi giữ vai trò», shown in the preview first', async () => {
    const people = ['Họ tên,Số điện thoại,Mã đơn vị,Vai trò,Ngày thôi giữ vai trò', 'A Blơng,0847120311,KT.KONRAY.DTL.KONBRAI,bí thư,01/12/2026'].join('\n');
    const html = await (await upload(admin, 'nhan-su.csv', people)).text();
    expect(html).toContain('thôi giữ vai trò 1');
    expect(html).toContain('ngày thôi: 01/12/2026');
    const person = await personNamed(handle.db, 'A Blơng');
    const held = () => handle.db.select().from(t.unitRoles).where(and(eq(t.unitRoles.personId, person), isNull(t.unitRoles.endedAt)));
    expect(await held()).toHaveLength(1);
    const res = await admin.post('/quan-tri/nhap-tep/xac-nhan', { tep: hidden(html, 'tep'), 'ban-xem-truoc': hidden(html, 'ban-xem-truoc') });
    expect(res.status).toBe(303);
    expect(await held()).toHaveLength(0);
  });

  it('lists every problem of a bad file with its row and column, and keeps nothing', async () => {
    const bad = ['Mã đơn vị,Tên mô hình,Lĩnh vực,Ngày bắt đầu', 'KT.KONRAY.DTL,Mô hình A,thể thao,01/01/2026', 'KT.KONRAY.DTL,,kinh tế,31/02/2026'].join('\n');
    const res = await upload(admin, 'mo-hinh.csv', bad);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Tệp có 3 lỗi, chưa nhập được.');
    expect(html).toContain('<td data-label="Cột">Lĩnh vực</td>');
    expect(html).toContain('&quot;thể thao&quot; không hợp lệ');
    expect(html).toContain('<td data-label="Dòng">3</td>');
    expect(html).not.toContain('/quan-tri/nhap-tep/xac-nhan');
    expect(await handle.db.select().from(t.importUploads)).toHaveLength(0);
  });

  it('refuses a unit outside the admin’s organisation, with its place in the file', async () => {
    const res = await upload(admin, 'don-vi.csv', ['Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên', 'AG.MOI,Chi bộ mới,chi bộ,AG'].join('\n'));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Đơn vị &quot;AG.MOI&quot; nằm ngoài tổ chức');
    expect(await unitNamed('AG.MOI')).toBeUndefined();
  });

  it('refuses what is not a spreadsheet, an empty choice, and a file over 10 MB', async () => {
    const pdf = await upload(admin, 'bao-cao.pdf', '%PDF-1.4');
    expect(pdf.status).toBe(400);
    expect(await pdf.text()).toContain('không phải bảng tính');
    const fake = await upload(admin, 'to-chuc.xlsx', 'Mã đơn vị,Tên');
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain('không phải bảng tính');
    const empty = await upload(admin, 'trong.csv', '');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Chưa chọn tệp');
    const big = await upload(admin, 'lon.csv', new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('Tệp lớn quá 10 MB');
    const huge = await upload(admin, 'lon.csv', new Uint8Array(11 * 1024 * 1024).fill(0x41));
    expect(huge.status).toBe(413);
  });

  it('does not write when the database changed since the preview in a way that alters it: the new preview instead', async () => {
    const file = ['Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên', 'KT.KONRAY.DTL.KONLUNG,Chi bộ làng Kon Lung,chi bộ,KT.KONRAY.DTL'].join('\n');
    const html = await (await upload(admin, 'doi-ten.csv', file)).text();
    expect(html).toContain('tên: Chi bộ thôn Kon Lung → Chi bộ làng Kon Lung');
    await handle.db.update(t.orgUnits).set({ name: 'Chi bộ Kon Lung' }).where(eq(t.orgUnits.code, 'KT.KONRAY.DTL.KONLUNG'));
    const res = await admin.post('/quan-tri/nhap-tep/xac-nhan', { tep: hidden(html, 'tep'), 'ban-xem-truoc': hidden(html, 'ban-xem-truoc') });
    expect(res.status).toBe(409);
    const again = await res.text();
    expect(again).toContain('Dữ liệu đã thay đổi từ lúc xem trước');
    expect(again).toContain('tên: Chi bộ Kon Lung → Chi bộ làng Kon Lung');
    expect((await unitNamed('KT.KONRAY.DTL.KONLUNG'))!.name).toBe('Chi bộ Kon Lung');
    // The new preview confirms.
    const ok = await admin.post('/quan-tri/nhap-tep/xac-nhan', { tep: hidden(again, 'tep'), 'ban-xem-truoc': hidden(again, 'ban-xem-truoc') });
    expect(ok.status).toBe(303);
    expect((await unitNamed('KT.KONRAY.DTL.KONLUNG'))!.name).toBe('Chi bộ làng Kon Lung');
  });

  it('keeps an upload for its session only, and cancels it', async () => {
    const html = await (await upload(admin, 'don-vi.csv', UNITS.replace('Mới', 'Mới 2'))).text();
    const other = await web.signIn(await personNamed(handle.db, 'Quản Trị Viên'));
    const stolen = await other.post('/quan-tri/nhap-tep/xac-nhan', { tep: hidden(html, 'tep'), 'ban-xem-truoc': hidden(html, 'ban-xem-truoc') });
    expect(stolen.status).toBe(409);
    const cancelled = await admin.post('/quan-tri/nhap-tep/huy', { tep: hidden(html, 'tep') });
    expect(cancelled.headers.get('location')).toBe('/quan-tri/nhap-tep?ket-qua=da-huy');
    expect(await handle.db.select().from(t.importUploads)).toHaveLength(0);
  });

  it('writes exactly what the preview showed (the preview is the import run without its commit)', async () => {
    const file = [
      'Mã đơn vị,Tên mô hình,Lĩnh vực,Ngày bắt đầu,Trạng thái',
      'KT.KONRAY.DTL,Nhân dân làm Chổi Đót,kinh tế,01/06/2021,tạm dừng',
      'KT.KONRAY.DTL.KONBRAI,Vườn cà phê kiểu mẫu,kinh tế,01/01/2027,',
    ].join('\n');
    const [viewer] = await handle.db.select().from(t.webSessions).where(isNull(t.webSessions.endedAt)).limit(1);
    const importer = { personId: viewer!.personId, sessionId: viewer!.id, adminPaths: [(await unitNamed('KT'))!.path] };
    const codes = ['KT.KONRAY.DTL', 'KT.KONRAY.DTL.KONBRAI'];
    const preview = await previewImport(handle.db, { importer, fileName: 'mo-hinh.csv', bytes: new TextEncoder().encode(file), now: start, timeZone: 'Asia/Ho_Chi_Minh' });
    if (!preview.ok) throw new Error(JSON.stringify(preview.issues));
    expect(preview.summary.changes.map((c) => `${c.kind} ${c.entity} ${c.subject}`)).toEqual(['added model Vườn cà phê kiểu mẫu', 'changed model Nhân dân làm Chổi Đót']);
    const before = await snapshotUnits(handle.db, codes, 'Asia/Ho_Chi_Minh');
    const done = await confirmImport(handle.db, { importer, token: preview.token, digest: preview.digest, now: start, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(done.outcome).toBe('imported');
    const after = await snapshotUnits(handle.db, codes, 'Asia/Ho_Chi_Minh');
    expect(diffSnapshots(before, after)).toEqual(preview.summary.changes);
  });

  it('refuses a leader (403, audited) and a post without the form token', async () => {
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get('/quan-tri/nhap-tep')).status).toBe(403);
    const posted = await upload(leader, 'don-vi.csv', UNITS);
    expect(posted.status).toBe(403);
    const audits = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'web.admin.forbidden'));
    expect(audits.some((a) => a.entityId === '/quan-tri/nhap-tep/xem-truoc')).toBe(true);
    expect((await upload(admin, 'don-vi.csv', UNITS, 'sai')).status).toBe(403);
  });
});
