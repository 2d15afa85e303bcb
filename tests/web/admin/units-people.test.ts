import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import { queryRows } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { makeAdmin, personNamed, unitId, webConsole } from '../../helpers/web-console.js';

/** The admin console's units, people and roles, and the audit log, over HTTP on the demo organisation. */

const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let web: ReturnType<typeof webConsole>;
let admin: Awaited<ReturnType<ReturnType<typeof webConsole>['signIn']>>;
let adminId: number;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  web = webConsole(handle.db, start);
  adminId = await makeAdmin(handle.db, 'KT');
  admin = await web.signIn(adminId);
});
afterAll(async () => {
  await handle.close();
});

const versionIn = (html: string, action: string) => new RegExp(`action="${action}"[^]*?name="phien-ban" value="([^"]+)"`).exec(html)?.[1] ?? '';
const audits = (action: string) => handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, action));
const unitRow = async (code: string) => (await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, code)))[0];

describe('units', () => {
  it('shows the organisation as a tree with counts, and a search', async () => {
    const res = await admin.get('/quan-tri/don-vi');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Đảng bộ tỉnh Kon Tum');
    expect(html).toContain('Huyện ủy Kon Rẫy');
    expect(html).toMatch(/\d+ trực thuộc · \d+ đơn vị báo cáo · \d+ mô hình · \d+ người có vai trò/);
    expect(html).toContain('<details>');
    const found = await (await admin.get('/quan-tri/don-vi?q=dak%20to%20lung')).text();
    expect(found).toContain('Đảng ủy xã Đăk Tơ Lung');
  });

  it('creates a unit; refuses a duplicate code, a blank name and a parent outside the organisation, writing nothing', async () => {
    const parent = await unitId(handle.db, 'KT.KONRAY.DTL');
    const ok = await admin.post('/quan-tri/don-vi/them', { ma: 'KT.KONRAY.DTL.MOI', ten: 'Chi bộ thôn Mới', loai: 'chi_bo', 'cap-tren': 'KT.KONRAY.DTL' });
    expect(ok.status).toBe(303);
    const created = await unitRow('KT.KONRAY.DTL.MOI');
    expect(created?.parentId).toBe(parent);
    expect(ok.headers.get('location')).toContain(`don-vi=${created!.id}`);
    const [entry] = (await audits('unit.create')).filter((a) => a.entityId === String(created!.id));
    expect(entry!.details).toMatchObject({ unitId: created!.id, before: null, after: { code: 'KT.KONRAY.DTL.MOI', parentCode: 'KT.KONRAY.DTL' } });

    const dup = await admin.post('/quan-tri/don-vi/them', { ma: 'KT.KONRAY.DTL.MOI', ten: 'Khác', loai: 'chi_bo', 'cap-tren': 'KT.KONRAY.DTL' });
    expect(dup.status).toBe(400);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain('Mã &quot;KT.KONRAY.DTL.MOI&quot; đã có đơn vị khác dùng.');
    expect(dupHtml).toMatch(/id="them-ma"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="them-ma"/);
    const blank = await admin.post('/quan-tri/don-vi/them', { ma: 'KT.X1', ten: '   ', loai: 'chi_bo', 'cap-tren': 'KT' });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('Chưa điền.');
    const badCode = await admin.post('/quan-tri/don-vi/them', { ma: 'có dấu', ten: 'X', loai: 'chi_bo', 'cap-tren': 'KT' });
    expect(await badCode.text()).toContain('Mã chỉ gồm chữ không dấu');
    const outside = await admin.post('/quan-tri/don-vi/them', { ma: 'KT.X2', ten: 'X', loai: 'chi_bo', 'cap-tren': 'AG' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('Không có đơn vị mã &quot;AG&quot; trong tổ chức của đồng chí.');
    expect(await unitRow('KT.X1')).toBeUndefined();
    expect(await unitRow('KT.X2')).toBeUndefined();
  });

  it('renames with a version check: the second of two admins is told the data changed (409), nothing lost', async () => {
    const id = await unitId(handle.db, 'KT.KONRAY.DTL.MOI');
    const page = await (await admin.get(`/quan-tri/don-vi?don-vi=${id}`)).text();
    const version = versionIn(page, `/quan-tri/don-vi/${id}/sua`);
    expect(version).toMatch(/Z$/);
    const first = await admin.post(`/quan-tri/don-vi/${id}/sua`, { ten: 'Chi bộ thôn Mới 1', loai: 'chi_bo', 'phien-ban': version });
    expect(first.status).toBe(303);
    const second = await admin.post(`/quan-tri/don-vi/${id}/sua`, { ten: 'Chi bộ thôn Mới 2', loai: 'chi_bo', 'phien-ban': version });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Dữ liệu vừa được người khác thay đổi');
    expect(html).toContain('value="Chi bộ thôn Mới 1"');
    expect((await unitRow('KT.KONRAY.DTL.MOI'))!.name).toBe('Chi bộ thôn Mới 1');
    const [edit] = (await audits('unit.edit')).filter((a) => a.entityId === String(id));
    expect(edit!.details).toMatchObject({ before: { name: 'Chi bộ thôn Mới' }, after: { name: 'Chi bộ thôn Mới 1' } });
  });

  it('moves a unit with its subtree, and refuses a move into its own subtree with the reason beside the field', async () => {
    const id = await unitId(handle.db, 'KT.KONRAY.DTL');
    let page = await (await admin.get(`/quan-tri/don-vi?don-vi=${id}`)).text();
    const cycle = await admin.post(`/quan-tri/don-vi/${id}/chuyen`, { 'cap-tren': 'KT.KONRAY.DTL.KONLUNG', 'phien-ban': versionIn(page, `/quan-tri/don-vi/${id}/chuyen`) });
    expect(cycle.status).toBe(400);
    expect(await cycle.text()).toContain('Không chuyển được: Chi bộ thôn Kon Lung nằm trong Đảng ủy xã Đăk Tơ Lung, chuyển vào đó sẽ tạo vòng lặp.');
    page = await (await admin.get(`/quan-tri/don-vi?don-vi=${id}`)).text();
    const moved = await admin.post(`/quan-tri/don-vi/${id}/chuyen`, { 'cap-tren': 'KT', 'phien-ban': versionIn(page, `/quan-tri/don-vi/${id}/chuyen`) });
    expect(moved.status).toBe(303);
    const kt = await unitRow('KT');
    const child = await unitRow('KT.KONRAY.DTL.KONLUNG');
    expect(child!.path.startsWith(`${kt!.path}${id}/`)).toBe(true);
    const [entry] = (await audits('unit.move')).filter((a) => a.entityId === String(id));
    expect(entry!.details).toMatchObject({ before: { parentCode: 'KT.KONRAY' }, after: { parentCode: 'KT' } });
  });

  it('stops a unit: kept, its waiting reminders cancelled, no more queued; and restarts it', async () => {
    const unit = (await unitRow('KT.KONRAY.DTL.KONLUNG'))!;
    const secretary = await personNamed(handle.db, 'A Pươi');
    const [account] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.personId, secretary));
    await handle.db.insert(t.outboundMessages).values({
      accountId: account!.id, purpose: 'reminder', dedupeKey: 'units-test-reminder',
      payload: { notice: 'reminder', params: { person: 'A Pươi', unit: unit.name, unitId: unit.id, period: '11/2026', due: '25/11/2026', daysLeft: 3, started: false } },
      nextAttemptAt: start,
    });
    const page = await (await admin.get(`/quan-tri/don-vi?don-vi=${unit.id}`)).text();
    const res = await admin.post(`/quan-tri/don-vi/${unit.id}/ngung`, { 'phien-ban': versionIn(page, `/quan-tri/don-vi/${unit.id}/ngung`) });
    expect(res.status).toBe(303);
    expect((await unitRow(unit.code))!.dissolvedOn).toBe('2026-11-21');
    const [reminder] = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.dedupeKey, 'units-test-reminder'));
    expect(reminder!.status).toBe('cancelled');
    const after = await (await admin.get(`/quan-tri/don-vi?don-vi=${unit.id}`)).text();
    expect(after).toContain('ngừng hoạt động từ 21/11/2026');
    const again = await admin.post(`/quan-tri/don-vi/${unit.id}/ngung`, { 'phien-ban': versionIn(after, `/quan-tri/don-vi/${unit.id}/mo-lai`) });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Đơn vị đã ngừng hoạt động rồi.');
    const back = await admin.post(`/quan-tri/don-vi/${unit.id}/mo-lai`, { 'phien-ban': versionIn(after, `/quan-tri/don-vi/${unit.id}/mo-lai`) });
    expect(back.status).toBe(303);
    expect((await unitRow(unit.code))!.dissolvedOn).toBeNull();
    expect((await audits('unit.deactivate')).some((a) => a.entityId === String(unit.id))).toBe(true);
    expect((await audits('unit.reactivate')).some((a) => a.entityId === String(unit.id))).toBe(true);
  });

  it('answers 404 for a unit outside the organisation; a leader reads their subtree without forms, and posting is 403 and audited', async () => {
    const ag = await unitId(handle.db, 'AG');
    expect((await admin.get(`/quan-tri/don-vi?don-vi=${ag}`)).status).toBe(404);
    expect((await admin.post(`/quan-tri/don-vi/${ag}/sua`, { ten: 'X', loai: 'tinh', 'phien-ban': new Date().toISOString() })).status).toBe(404);
    const leaderId = await personNamed(handle.db, 'Lê Quang Vinh');
    const leader = await web.signIn(leaderId);
    const res = await leader.get('/quan-tri/don-vi');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Huyện ủy Kon Rẫy');
    expect(html).not.toContain('action="/quan-tri/don-vi/them"');
    expect((await leader.get(`/quan-tri/don-vi?don-vi=${await unitId(handle.db, 'KT')}`)).status).toBe(404);
    const posted = await leader.post('/quan-tri/don-vi/them', { ma: 'KT.Y', ten: 'Y', loai: 'chi_bo', 'cap-tren': 'KT.KONRAY' });
    expect(posted.status).toBe(403);
    const forbidden = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'web.admin.forbidden'), eq(t.auditLog.actorPersonId, leaderId)));
    expect(forbidden.some((a) => a.entityId === '/quan-tri/don-vi/them')).toBe(true);
    expect(await unitRow('KT.Y')).toBeUndefined();
  });
});

describe('people and roles', () => {
  it('adds a person with a role, the phone normalised; refuses a phone that is not Vietnamese and a blank name', async () => {
    const ok = await admin.post('/quan-tri/can-bo/them', { 'ho-ten': 'Nguyễn Văn Mới', 'dien-thoai': '0912 345 670', 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'deputy', 'chuc-vu': '' });
    expect(ok.status).toBe(303);
    const personId = await personNamed(handle.db, 'Nguyễn Văn Mới');
    const [person] = await handle.db.select().from(t.people).where(eq(t.people.id, personId));
    expect(person!.phone).toBe('0912345670');
    expect(ok.headers.get('location')).toBe(`/quan-tri/can-bo/${personId}?ket-qua=added`);
    const page = await (await admin.get(ok.headers.get('location')!)).text();
    expect(page).toContain('Đã thêm cán bộ.');
    expect(page).toContain('phó bí thư Chi bộ thôn Kon Brai');
    const bad = await admin.post('/quan-tri/can-bo/them', { 'ho-ten': 'X', 'dien-thoai': '12345', 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'deputy' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Không phải số điện thoại Việt Nam');
    const blank = await admin.post('/quan-tri/can-bo/them', { 'ho-ten': ' ', 'dien-thoai': '', 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'deputy' });
    expect(blank.status).toBe(400);
    const taken = await admin.post('/quan-tri/can-bo/them', { 'ho-ten': 'Y', 'dien-thoai': '0912345670', 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'leader' });
    expect(await taken.text()).toContain('Số này đã là của đồng chí Nguyễn Văn Mới.');
    const list = await (await admin.get('/quan-tri/can-bo?q=nguyen%20van%20moi')).text();
    expect(await (await admin.get('/quan-tri/can-bo?q=kon%20brai')).text()).toContain('Nguyễn Văn Mới');
    expect(list).toContain('Nguyễn Văn Mới');
  });

  it('refuses a second secretary and offers the transfer instead; the transfer ends the old role and gives the new one', async () => {
    const res = await admin.post('/quan-tri/can-bo/them', { 'ho-ten': 'Trần Kế Nhiệm', 'dien-thoai': '0987654321', 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'secretary' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Đơn vị đã có bí thư là đồng chí A Blơng.');
    expect(html).toContain('Đồng chí có muốn chuyển giao vai trò bí thư thay vì giao thêm?');
    const action = /action="(\/quan-tri\/can-bo\/vai-tro\/\d+\/chuyen)"/.exec(html)![1]!;
    expect(html).toContain('value="Trần Kế Nhiệm"');
    const transfer = await admin.post(action, { 'nguoi-nhan': '', 'ho-ten-moi': 'Trần Kế Nhiệm', 'dien-thoai-moi': '0987654321' });
    expect(transfer.status).toBe(303);
    const rows = await queryRows<{ full_name: string; ended: boolean }>(
      handle.db,
      sql`select p.full_name, ur.ended_at is not null as ended from unit_roles ur join people p on p.id = ur.person_id join org_units u on u.id = ur.unit_id
           where u.code = 'KT.KONRAY.DTL.KONBRAI' and ur.role = 'secretary' order by p.full_name`,
    );
    expect(rows).toEqual([{ full_name: 'A Blơng', ended: true }, { full_name: 'Trần Kế Nhiệm', ended: false }]);
    // One entry for the transfer (who handed over to whom), not a separate «Thôi giữ vai trò».
    const blong = await personNamed(handle.db, 'A Blơng');
    expect((await audits('role.transfer')).filter((e) => (e.details as { before?: { personId?: number } }).before?.personId === blong)).toHaveLength(1);
    expect((await audits('role.end')).filter((e) => e.entityId === String(blong))).toHaveLength(0);
  });

  it('ends a role at once: notices cancelled, sessions ended when no role is left; ending it again is refused', async () => {
    const personId = await personNamed(handle.db, 'Nguyễn Văn Mới');
    const theirWeb = await web.signIn(personId);
    expect((await theirWeb.get('/')).status).toBe(200);
    const page = await (await admin.get(`/quan-tri/can-bo/${personId}`)).text();
    const action = /action="(\/quan-tri\/can-bo\/vai-tro\/\d+\/thoi)"/.exec(page)![1]!;
    const res = await admin.post(action, {});
    expect(res.status).toBe(303);
    expect(await (await admin.get(res.headers.get('location')!)).text()).toContain('Đã thôi giữ vai trò.');
    expect((await theirWeb.get('/')).status).toBe(401);
    const again = await admin.post(action, {});
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Vai trò này đã thôi rồi.');
    const [entry] = (await audits('role.end')).filter((a) => a.entityId === String(personId));
    expect(entry!.actorPersonId).toBe(adminId);
    expect(entry!.details).toMatchObject({ unitCode: 'KT.KONRAY.DTL.KONBRAI', before: { endedAt: null } });
  });

  it('edits name and phone with a version check, and gives a role', async () => {
    const personId = await personNamed(handle.db, 'Trần Kế Nhiệm');
    const page = await (await admin.get(`/quan-tri/can-bo/${personId}`)).text();
    const version = versionIn(page, `/quan-tri/can-bo/${personId}/sua`);
    expect((await admin.post(`/quan-tri/can-bo/${personId}/sua`, { 'ho-ten': 'Trần Văn Kế Nhiệm', 'dien-thoai': '+84 987 654 321', 'phien-ban': version })).status).toBe(303);
    const stale = await admin.post(`/quan-tri/can-bo/${personId}/sua`, { 'ho-ten': 'Khác', 'dien-thoai': '', 'phien-ban': version });
    expect(stale.status).toBe(409);
    const [person] = await handle.db.select().from(t.people).where(eq(t.people.id, personId));
    expect(person).toMatchObject({ fullName: 'Trần Văn Kế Nhiệm', phone: '0987654321' });
    const given = await admin.post(`/quan-tri/can-bo/${personId}/vai-tro`, { 'don-vi': 'KT.BTGDV', 'vai-tro': 'leader' });
    expect(given.status).toBe(303);
    const twice = await admin.post(`/quan-tri/can-bo/${personId}/vai-tro`, { 'don-vi': 'KT.BTGDV', 'vai-tro': 'leader' });
    expect(await twice.text()).toContain('Đồng chí này đã giữ vai trò đó ở đơn vị này.');
  });

  it('answers 404 for a person outside the organisation', async () => {
    const outside = await personNamed(handle.db, 'Phạm Minh Hải');
    expect((await admin.get(`/quan-tri/can-bo/${outside}`)).status).toBe(200);
    const [ag] = await queryRows<{ person_id: number }>(handle.db, sql`select ur.person_id from unit_roles ur join org_units u on u.id = ur.unit_id where u.code like 'AG%' limit 1`);
    expect((await admin.get(`/quan-tri/can-bo/${ag!.person_id}`)).status).toBe(404);
    expect((await admin.post(`/quan-tri/can-bo/${ag!.person_id}/sua`, { 'ho-ten': 'X', 'phien-ban': new Date().toISOString() })).status).toBe(404);
  });
});

describe('audit log', () => {
  it('lists the organisation’s changes newest first, filtered by unit, person and action, by keyset pages', async () => {
    const res = await admin.get('/quan-tri/nhat-ky');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Chuyển đơn vị</td>');
    expect(html).toContain('cấp trên: KT.KONRAY → KT');
    const byUnit = await (await admin.get('/quan-tri/nhat-ky?don-vi=KT.KONRAY.DTL.MOI')).text();
    expect(byUnit).toContain('Thêm đơn vị');
    expect(byUnit).not.toContain('Chuyển đơn vị</td>');
    const byAction = await (await admin.get('/quan-tri/nhat-ky?viec=role.end')).text();
    expect(byAction).toContain('Thôi giữ vai trò');
    expect(byAction).not.toContain('Thêm đơn vị</td>');
    const byPerson = await (await admin.get(`/quan-tri/nhat-ky?nguoi=${await personNamed(handle.db, 'Nguyễn Văn Mới')}`)).text();
    expect(byPerson).toContain('Thêm cán bộ');
    // Typed as people say it: a name without diacritics finds the one person; a word several names share offers them; nobody is said so.
    const byName = await admin.get('/quan-tri/nhat-ky?nguoi=nguyen%20van%20moi');
    expect(byName.status).toBe(200);
    const byNameHtml = await byName.text();
    expect(byNameHtml).toContain('Thêm cán bộ');
    expect(byNameHtml).toContain('value="Nguyễn Văn Mới"');
    const several = await (await admin.get('/quan-tri/nhat-ky?nguoi=nguyen')).text();
    expect(several).toContain('Có nhiều người khớp; đồng chí chọn một người:');
    expect(several).toMatch(/href="\/quan-tri\/nhat-ky\?nguoi=\d+"/);
    const nobody = await admin.get('/quan-tri/nhat-ky?nguoi=Kh%C3%B4ng%20Ai%20C%E1%BA%A3');
    expect(nobody.status).toBe(400);
    expect(await nobody.text()).toContain('Không thấy ai có tên hoặc số điện thoại «Không Ai Cả» trong tổ chức.');
    // A sign-in says so and names the browser, not its raw User-Agent.
    await handle.db.insert(t.auditLog).values({ actorKind: 'person', actorPersonId: adminId, action: 'web.sign_in', entityType: 'web_session', entityId: '999', details: { userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36' } });
    const signIns = await (await admin.get('/quan-tri/nhat-ky?viec=web.sign_in')).text();
    expect(signIns).toContain('phiên đăng nhập web');
    expect(signIns).toContain('trình duyệt: Chrome trên Android');
    expect(signIns).not.toContain('web_session 999');
    // An Giang's admin sees none of Kon Tum's changes.
    const other = await web.signIn(await makeAdmin(handle.db, 'AG', 'Quản Trị An Giang'));
    const theirs = await (await other.get('/quan-tri/nhat-ky')).text();
    expect(theirs).not.toContain('KT.KONRAY');
    expect(theirs).not.toContain('Nguyễn Văn Mới');
    // Keyset pages: 50 a page, the next one older than the last shown.
    for (let i = 0; i < 55; i++) await handle.db.insert(t.auditLog).values({ actorKind: 'person', actorPersonId: adminId, action: 'unit.edit', entityType: 'org_unit', entityId: String(await unitId(handle.db, 'KT')), details: { before: { name: `a${i}` }, after: { name: `b${i}` } } });
    const first = await (await admin.get('/quan-tri/nhat-ky?viec=unit.edit')).text();
    const older = /href="(\/quan-tri\/nhat-ky\?[^"]*truoc=\d+)"/.exec(first)![1]!.replace(/&amp;/g, '&');
    expect(first).toContain('tên: a54 → b54');
    const second = await (await admin.get(older)).text();
    expect(second).not.toContain('tên: a54 → b54');
    expect(second).toContain('tên: a0 → b0');
    expect((await admin.get('/quan-tri/nhat-ky?don-vi=AG')).status).toBe(400);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get('/quan-tri/nhat-ky')).status).toBe(403);
  });
});
