import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { issueWebLink } from '../../src/services/web-sign-in.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { insertProposal } from '../../src/storage/queries/model-proposals.js';
import * as t from '../../src/storage/schema/index.js';
import { makeAdmin } from '../helpers/web-console.js';
import { startTestService } from '../helpers/test-service.js';

const SHOTS = process.env.SHOTS_DIR ?? join(process.cwd(), 'test-results', 'screenshots', 'admin-models');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let service: RunningService;
let stop: () => Promise<void>;
let browser: Browser;
let adminId: number;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ service, stop } = await startTestService({}, { scheduler: false }));
  const db = service.database.db;
  if (!(await findUnitByCode(db, 'KT'))) await seedDemo(db, { now: new Date(), timeZone: 'Asia/Ho_Chi_Minh' });
  adminId = await makeAdmin(db, 'KT');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
});

async function signIn(page: Page): Promise<void> {
  const link = (await issueWebLink(service.database.db, { personId: adminId, now: new Date(), baseUrl: service.url }))!;
  await page.goto(link);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${service.url}/`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const width = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth'));

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone-360', width: 360, height: 740 },
]) {
  describe(`admin models and import on a ${viewport.name} screen`, () => {
    it('uploads a file, sees its problems, then a preview, and confirms it', async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page);
      await page.goto(`${service.url}/quan-tri/nhap-tep`);
      await shot(page, `${viewport.name}-import-1-form`);

      await page.setInputFiles('input[type=file]', { name: 'loi.csv', mimeType: 'text/csv', buffer: Buffer.from('Mã đơn vị,Tên mô hình,Lĩnh vực\nKT.KONRAY.DTL,,thể thao\n') });
      await page.getByRole('button', { name: 'Kiểm tra và xem trước' }).click();
      await expect.poll(() => page.locator('#loi').count()).toBe(1);
      expect(await page.locator('#loi').innerText()).toContain('Tệp có 2 lỗi');
      expect(await width(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-import-2-problems`);

      const code = `KT.KONRAY.DTL.B${viewport.width}`;
      const csv = `Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\n${code},Chi bộ thôn mới ${viewport.width},chi bộ,KT.KONRAY.DTL\nKT.KONRAY.DTL.KONLUNG,Chi bộ thôn Kon Lung (${viewport.width}),chi bộ,KT.KONRAY.DTL\n`;
      await page.setInputFiles('input[type=file]', { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Kiểm tra và xem trước' }).click();
      await expect.poll(() => page.locator('#xem-truoc').count()).toBe(1);
      expect(await page.locator('main').innerText()).toContain('Thêm 1 · sửa 1');
      expect(await findUnitByCode(service.database.db, code)).toBeUndefined();
      expect(await width(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-import-3-preview`);

      await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
      await expect.poll(() => page.locator('.form-ok').count()).toBe(1);
      expect(await page.locator('.form-ok').innerText()).toContain('Đã nhập: 2 thay đổi');
      expect(await findUnitByCode(service.database.db, code)).toMatchObject({ name: `Chi bộ thôn mới ${viewport.width}` });
      await shot(page, `${viewport.name}-import-4-done`);
      await context.close();
    });

    it('registers a model, then pauses it with a reason', async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page);
      await page.goto(`${service.url}/quan-tri/mo-hinh`);
      const title = `Vườn ươm cây giống ${viewport.width}`;
      await page.getByLabel('Mã đơn vị (chi bộ)').fill('KT.KONRAY.DTL.KONBRAI');
      await page.getByLabel('Tên mô hình').fill(title);
      await page.getByLabel('Lĩnh vực').selectOption('kinh_te');
      await page.getByLabel('Tháng bắt đầu').fill('2027-01');
      await page.getByLabel('Nhân rộng ra (ví dụ: 08 ấp)').fill('08 ấp');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      // «Nhân rộng ra» without the source: the reason next to the field, what was typed kept.
      await expect.poll(() => page.locator('.field-error').count()).toBe(1);
      expect(await page.getByLabel('Tên mô hình').inputValue()).toBe(title);
      await shot(page, `${viewport.name}-models-1-refused`);
      await page.getByLabel('Nhân rộng ra (ví dụ: 08 ấp)').fill('');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await expect.poll(() => page.locator('.form-ok').count()).toBe(1);
      const [model] = await service.database.db.select().from(t.models).where(eq(t.models.title, title));
      expect(model).toMatchObject({ field: 'kinh_te', startedOn: '2027-01-01', status: 'active' });
      await shot(page, `${viewport.name}-models-2-registered`);

      await page.getByLabel('Việc').selectOption('pause');
      await page.getByLabel('Từ tháng').fill('2027-02');
      await page.getByLabel('Lý do').fill('Chờ vốn hỗ trợ');
      await page.getByRole('button', { name: 'Cập nhật trạng thái' }).click();
      await expect.poll(() => page.locator('.form-ok').innerText()).toContain('Đã cập nhật trạng thái.');
      expect(await page.locator('main').innerText()).toContain('Hiện: Tạm dừng từ tháng 02/2027 — lý do: Chờ vốn hỗ trợ.');
      expect(await width(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-models-3-paused`);

      // A model a chi bộ proposed (/mohinh) waits on the page; the admin confirms it.
      const unit = (await findUnitByCode(service.database.db, 'KT.KONRAY.DTL.KONLUNG'))!;
      await insertProposal(service.database.db, { unitId: unit.id, personId: adminId, title: `Tủ sách thôn ${viewport.width}`, field: 'van_hoa_xa_hoi', startsOn: '2027-01-01', at: new Date() });
      await page.goto(`${service.url}/quan-tri/mo-hinh`);
      expect(await page.locator('#de-xuat').count()).toBe(1);
      expect(await width(page)).toBeLessThanOrEqual(viewport.width);
      await page.locator('section[aria-labelledby=de-xuat]').screenshot({ path: join(SHOTS, `${viewport.name}-models-4-proposal.png`) });
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await expect.poll(() => page.locator('.form-ok').count()).toBe(1);
      expect(await page.locator('.form-ok').innerText()).toContain('Đã xác nhận mô hình đề xuất');
      await shot(page, `${viewport.name}-models-4-list`);
      await page.goto(`${service.url}/mo-hinh`);
      expect(await page.locator('p.cohorts').innerText()).toMatch(/mô hình đang thực hiện: .* duy trì từ trước năm/);
      await shot(page, `${viewport.name}-models-5-leaders-list`);
      await context.close();
    });
  });
}
