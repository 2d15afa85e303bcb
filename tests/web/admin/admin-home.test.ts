import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { makeAdmin, personNamed, webConsole } from '../../helpers/web-console.js';

const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
});
afterAll(async () => {
  await handle.close();
});

describe('the admin section', () => {
  it('is offered to an admin of the organisation, with every area', async () => {
    const web = webConsole(handle.db, start);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT'));
    const home = await (await admin.get('/')).text();
    expect(home).toContain('href="/quan-tri"');
    const res = await admin.get('/quan-tri');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const label of ['Đơn vị', 'Cán bộ và vai trò', 'Lời mời', 'Mô hình', 'Nhập từ tệp', 'Lịch báo cáo', 'Hạn sơ kết, tổng kết', 'Nhật ký']) expect(html).toContain(label);
  });

  it('is neither offered nor opened to a leader, and a form a leader posts there is refused and audited', async () => {
    const web = webConsole(handle.db, start);
    const leaderId = await personNamed(handle.db, 'Lê Quang Vinh');
    const leader = await web.signIn(leaderId);
    expect(await (await leader.get('/')).text()).not.toContain('href="/quan-tri"');
    const page = await leader.get('/quan-tri');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Chỉ dành cho quản trị');
    const before = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'web.admin.forbidden'), eq(t.auditLog.actorPersonId, leaderId)));
    const posted = await leader.post('/quan-tri', { ten: 'x' });
    expect(posted.status).toBe(403);
    const after = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'web.admin.forbidden'), eq(t.auditLog.actorPersonId, leaderId)));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.entityId).toBe('/quan-tri');
  });

  it('needs a session like every console page', async () => {
    const web = webConsole(handle.db, start);
    expect((await web.request('/quan-tri')).status).toBe(401);
    expect((await web.request('/quan-tri/don-vi')).status).toBe(401);
  });
});
