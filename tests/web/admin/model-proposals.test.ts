import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import { insertProposal } from '../../../src/storage/queries/model-proposals.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { makeAdmin, personNamed, personWithRole, unitId, webConsole } from '../../helpers/web-console.js';

const start = new Date('2026-12-03T03:00:00Z');
let handle: DatabaseHandle;
let web: ReturnType<typeof webConsole>;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  web = webConsole(handle.db, start);
});
afterAll(async () => {
  await handle.close();
});

async function propose(title: string, unitCode = 'KT.KONRAY.DTL.KONBRAI') {
  const personId = await personWithRole(handle.db, unitCode, 'secretary');
  return insertProposal(handle.db, { unitId: await unitId(handle.db, unitCode), personId, title, field: 'kinh_te', startsOn: '2027-01-01', at: start });
}
async function proposal(id: number) {
  return (await handle.db.select().from(t.modelProposals).where(eq(t.modelProposals.id, id)))[0]!;
}
async function outboxTo(personId: number) {
  return handle.db.select({ payload: t.outboundMessages.payload }).from(t.outboundMessages)
    .innerJoin(t.channelAccounts, eq(t.channelAccounts.id, t.outboundMessages.accountId))
    .where(eq(t.channelAccounts.personId, personId)).orderBy(desc(t.outboundMessages.id));
}

describe('proposed models in the console', () => {
  it('a leader above sees a proposal on /mo-hinh and confirms it: the model is registered from its month, the secretary told', async () => {
    const id = await propose('Vườn rau sạch thôn Kon Brai');
    const leader = await web.signIn(await personNamed(handle.db, 'Đinh Văn Tú'));
    const page = await (await leader.get('/mo-hinh')).text();
    expect(page).toContain('Mô hình chi bộ đề xuất, chờ xác nhận');
    expect(page).toContain('Vườn rau sạch thôn Kon Brai');
    const res = await leader.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'xac-nhan', 've': '/mo-hinh' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/mo-hinh?ket-qua=da-xac-nhan');
    expect(await (await leader.get(res.headers.get('location')!)).text()).toContain('Đã xác nhận mô hình đề xuất');
    const stored = await proposal(id);
    expect(stored.status).toBe('confirmed');
    const [model] = await handle.db.select().from(t.models).where(eq(t.models.id, stored.modelId!));
    expect(model).toMatchObject({ title: 'Vườn rau sạch thôn Kon Brai', startedOn: '2027-01-01', status: 'active' });
    const secretary = await personWithRole(handle.db, 'KT.KONRAY.DTL.KONBRAI', 'secretary');
    expect(JSON.stringify((await outboxTo(secretary))[0]!.payload)).toContain('đã được xác nhận');
    const again = await leader.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'xac-nhan' });
    expect(again.status).toBe(409);
  });

  it('an admin refuses one from the admin page with a reason (needed); the secretary is told why', async () => {
    const id = await propose('Sân chơi thiếu nhi');
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT'));
    expect(await (await admin.get('/quan-tri/mo-hinh')).text()).toContain('Sân chơi thiếu nhi');
    const noReason = await admin.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'tu-choi', 'ly-do': ' ', 've': '/quan-tri/mo-hinh' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Ghi lý do');
    expect((await proposal(id)).status).toBe('pending');
    const res = await admin.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'tu-choi', 'ly-do': 'Chưa có quỹ đất', 've': '/quan-tri/mo-hinh' });
    expect(res.headers.get('location')).toBe('/quan-tri/mo-hinh?ket-qua=da-tu-choi');
    expect(await proposal(id)).toMatchObject({ status: 'refused', reason: 'Chưa có quỹ đất' });
    const secretary = await personWithRole(handle.db, 'KT.KONRAY.DTL.KONBRAI', 'secretary');
    expect(JSON.stringify((await outboxTo(secretary))[0]!.payload)).toContain('với lý do: Chưa có quỹ đất');
    const [audit] = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'model.proposal.refuse'));
    expect(audit!.details).toMatchObject({ before: { status: 'pending' }, after: { status: 'refused', reason: 'Chưa có quỹ đất' } });
  });

  it('refuses the unit’s own secretary, a leader of another branch, and a post without the form token', async () => {
    const id = await propose('Tủ sách thôn');
    const secretary = await web.signIn(await personWithRole(handle.db, 'KT.KONRAY.DTL.KONBRAI', 'secretary'));
    expect(await (await secretary.get('/mo-hinh')).text()).not.toContain('Tủ sách thôn');
    expect((await secretary.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'xac-nhan' })).status).toBe(403);
    const elsewhere = await web.signIn(await personNamed(handle.db, 'Phạm Minh Hải'));
    // The province's leader is above the unit too: they may decide; a leader of An Giang may not even see it.
    expect(await (await elsewhere.get('/mo-hinh')).text()).toContain('Tủ sách thôn');
    const agLeader = await web.signIn(await personWithRole(handle.db, 'AG', 'leader'));
    expect((await agLeader.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'xac-nhan' })).status).toBe(403);
    expect((await elsewhere.post(`/mo-hinh/de-xuat/${id}`, { 'quyet-dinh': 'xac-nhan' }, { origin: 'http://evil.test' })).status).toBe(403);
    expect((await proposal(id)).status).toBe('pending');
    expect((await elsewhere.post('/mo-hinh/de-xuat/999999', { 'quyet-dinh': 'xac-nhan' })).status).toBe(404);
  });
});
