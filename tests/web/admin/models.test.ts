import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
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

const form = (over: Record<string, string> = {}) => ({
  unitCode: 'KT.KONRAY.DTL.KONBRAI', title: 'Vườn cà phê kiểu mẫu', field: 'kinh_te', startMonth: '2026-12', description: '', replicatedFromId: '', replicationTarget: '', ...over,
});
const version = (html: string) => /name="phien-ban" value="([^"]+)"/.exec(html)?.[1] ?? '';
async function modelTitled(title: string) {
  const [row] = await handle.db.select().from(t.models).where(eq(t.models.title, title));
  return row!;
}
async function lastAudit(action: string) {
  const [row] = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, action)).orderBy(desc(t.auditLog.id)).limit(1);
  return row!;
}

describe('models in the admin console', () => {
  it('registers a model, audited with its after', async () => {
    expect((await admin.get('/quan-tri/mo-hinh')).status).toBe(200);
    const res = await admin.post('/quan-tri/mo-hinh', form());
    expect(res.status).toBe(303);
    const model = await modelTitled('Vườn cà phê kiểu mẫu');
    expect(model).toMatchObject({ field: 'kinh_te', startedOn: '2026-12-01', status: 'active' });
    expect(res.headers.get('location')).toBe(`/quan-tri/mo-hinh/${model.id}?ket-qua=da-dang-ky`);
    expect(await (await admin.get(res.headers.get('location')!)).text()).toContain('Đã đăng ký mô hình.');
    const audit = await lastAudit('model.create');
    expect(audit.entityId).toBe(String(model.id));
    expect(audit.details).toMatchObject({ before: null, after: { title: 'Vườn cà phê kiểu mẫu', unitCode: 'KT.KONRAY.DTL.KONBRAI' }, via: 'web' });
    const list = await (await admin.get('/quan-tri/mo-hinh?don-vi=KT.KONRAY.DTL.KONBRAI')).text();
    expect(list).toContain('Vườn cà phê kiểu mẫu');
  });

  it('refuses a bad registration with the reason next to each field, keeping what was typed', async () => {
    const res = await admin.post('/quan-tri/mo-hinh', form({ title: '   ', startMonth: '2026-13', replicationTarget: '08 ấp', description: 'Ghi chú giữ lại' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Chưa lưu được');
    expect(html).toMatch(/name="title"[^>]*aria-invalid="true"/);
    expect(html).toContain('Tháng không hợp lệ');
    expect(html).toContain('Ghi số của mô hình gốc được nhân rộng.');
    expect(html).toContain('value="Ghi chú giữ lại"');
    const outside = await (await admin.post('/quan-tri/mo-hinh', form({ unitCode: 'AG' }))).text();
    expect(outside).toContain('Không có đơn vị &quot;AG&quot; trong tổ chức');
    const dup = await admin.post('/quan-tri/mo-hinh', form());
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('Đơn vị này đã có mô hình cùng tên.');
  });

  it('marks a model as replicated from another, and the leaders’ list counts kept, new and replicated models', async () => {
    const source = await modelTitled('Đoạn đường Thanh niên tự quản');
    const res = await admin.post('/quan-tri/mo-hinh', form({ unitCode: 'KT.KONRAY.DTL.KONLUNG', title: 'Đoạn đường tự quản thôn Kon Lung', field: 'moi_truong', replicatedFromId: String(source.id), replicationTarget: '08 thôn' }));
    expect(res.status).toBe(303);
    expect(await modelTitled('Đoạn đường tự quản thôn Kon Lung')).toMatchObject({ replicatedFromId: source.id, replicationTarget: '08 thôn' });
    const list = await (await admin.get('/quan-tri/mo-hinh')).text();
    expect(list).toContain('Nhân rộng từ «Đoạn đường Thanh niên tự quản» ra 08 thôn');
    const unknown = await admin.post('/quan-tri/mo-hinh', form({ title: 'Khác', replicatedFromId: '999999' }));
    expect(await unknown.text()).toContain('Không có mô hình số này trong tổ chức.');

    const dtl = (await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.DTL')))[0]!;
    const leader = await web.signIn(await personNamed(handle.db, 'Đinh Văn Tú'));
    const page = await (await leader.get(`/mo-hinh?don-vi=${dtl.id}`)).text();
    // Đăk Tơ Lung: 8 models from before 2026, and the two of 12/2026 registered here (one replicated).
    expect(page).toContain('10 mô hình đang thực hiện: 8 duy trì từ trước năm 2026, 2 mới từ năm 2026; 1 mô hình nhân rộng.');
  });

  it('edits a model; the second of two admins saving the same version is told the data changed', async () => {
    const model = await modelTitled('Vườn cà phê kiểu mẫu');
    const other = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Hai'));
    const mine = await (await admin.get(`/quan-tri/mo-hinh/${model.id}`)).text();
    const theirs = await (await other.get(`/quan-tri/mo-hinh/${model.id}`)).text();
    const first = await other.post(`/quan-tri/mo-hinh/${model.id}`, { ...form({ description: 'Ba hộ làm điểm' }), 'phien-ban': version(theirs) });
    expect(first.status).toBe(303);
    const second = await admin.post(`/quan-tri/mo-hinh/${model.id}`, { ...form({ title: 'Vườn cà phê mẫu' }), 'phien-ban': version(mine) });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Dữ liệu vừa được người khác thay đổi');
    expect(html).toContain('value="Ba hộ làm điểm"');
    expect(await modelTitled('Vườn cà phê kiểu mẫu')).toMatchObject({ description: 'Ba hộ làm điểm' });
    const again = await admin.post(`/quan-tri/mo-hinh/${model.id}`, { ...form({ title: 'Vườn cà phê mẫu', description: 'Ba hộ làm điểm' }), 'phien-ban': version(html) });
    expect(again.status).toBe(303);
    const audit = await lastAudit('model.update');
    expect(audit.details).toMatchObject({ before: { title: 'Vườn cà phê kiểu mẫu' }, after: { title: 'Vườn cà phê mẫu' } });
  });

  it('pauses (a reason needed), resumes, stops a model with the month; a stopped model changes no more', async () => {
    const model = await modelTitled('Vườn cà phê mẫu');
    const page = async () => (await admin.get(`/quan-tri/mo-hinh/${model.id}`)).text();
    const noReason = await admin.post(`/quan-tri/mo-hinh/${model.id}/trang-thai`, { action: 'pause', reason: '', month: '2026-12', 'phien-ban': version(await page()) });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Ghi lý do tạm dừng hoặc dừng.');
    const paused = await admin.post(`/quan-tri/mo-hinh/${model.id}/trang-thai`, { action: 'pause', reason: 'Mưa lũ', month: '2026-12', 'phien-ban': version(await page()) });
    expect(paused.status).toBe(303);
    expect(await modelTitled('Vườn cà phê mẫu')).toMatchObject({ status: 'paused', statusReason: 'Mưa lũ', statusMonth: '2026-12-01' });
    expect(await page()).toContain('Hiện: Tạm dừng từ tháng 12/2026 — lý do: Mưa lũ.');
    const audit = await lastAudit('model.status');
    expect(audit.details).toMatchObject({ before: { status: 'active' }, after: { status: 'paused', statusReason: 'Mưa lũ' } });
    expect((await admin.post(`/quan-tri/mo-hinh/${model.id}/trang-thai`, { action: 'resume', reason: '', month: '2027-01', 'phien-ban': version(await page()) })).status).toBe(303);
    expect((await admin.post(`/quan-tri/mo-hinh/${model.id}/trang-thai`, { action: 'stop', reason: 'Hộ dân chuyển đi', month: '2027-02', 'phien-ban': version(await page()) })).status).toBe(303);
    const stopped = await page();
    expect(stopped).toContain('không đổi trạng thái được nữa');
    const refused = await admin.post(`/quan-tri/mo-hinh/${model.id}/trang-thai`, { action: 'resume', reason: '', month: '2027-03', 'phien-ban': version(stopped) });
    expect(refused.status).toBe(400);
    expect(await modelTitled('Vườn cà phê mẫu')).toMatchObject({ status: 'discontinued' });
    const stale = await admin.post(`/quan-tri/mo-hinh/${model.id}/trang-thai`, { action: 'pause', reason: 'x', month: '2027-03', 'phien-ban': '2020-01-01T00:00:00.000Z' });
    expect(stale.status).toBe(409);
  });

  it('answers 404 for a model outside the organisation, and 403 (audited) to a leader', async () => {
    const rows = await handle.db.select({ id: t.models.id, code: t.orgUnits.code }).from(t.models).innerJoin(t.orgUnits, eq(t.orgUnits.id, t.models.unitId));
    const foreign = rows.find((r) => r.code.startsWith('AG'))!;
    expect((await admin.get(`/quan-tri/mo-hinh/${foreign.id}`)).status).toBe(404);
    expect((await admin.post(`/quan-tri/mo-hinh/${foreign.id}`, { ...form(), 'phien-ban': '2020-01-01T00:00:00.000Z' })).status).toBe(404);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get('/quan-tri/mo-hinh')).status).toBe(403);
    expect((await leader.post('/quan-tri/mo-hinh', form({ title: 'Lén' }))).status).toBe(403);
    expect((await lastAudit('web.admin.forbidden')).entityId).toBe('/quan-tri/mo-hinh');
    expect((await admin.post('/quan-tri/mo-hinh', form({ title: 'Không có mã' }), { origin: 'http://evil.test' })).status).toBe(403);
  });
});
