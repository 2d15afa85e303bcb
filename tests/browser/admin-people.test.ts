import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { issueWebLink } from '../../src/services/web-sign-in.js';
import * as t from '../../src/storage/schema/index.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { startTestService } from '../helpers/test-service.js';
import { makeAdmin } from '../helpers/web-console.js';

/**
 * The admin's units and people pages in a real Chromium, on a desktop and a 360-px phone: move a
 * unit, add a person with a role, end the role; the audit log shows both. Screenshots of each page.
 */

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let fake: FakeTelegram;
let service: RunningService;
let stop: () => Promise<void>;
let browser: Browser;
let adminId: number;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  fake = await new FakeTelegram().start();
  ({ service, stop } = await startTestService({ TELEGRAM_BOT_TOKEN: '123456:ADMINP_abcdefghijklmnopqrstuvwxyz', TELEGRAM_API_ROOT: fake.url }));
  adminId = await makeAdmin(service.database.db, 'KT');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
  await fake?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `admin-people-${name}.png`), fullPage: true });
}

async function pageWidth(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

const parentOf = async (code: string) => {
  const [unit] = await service.database.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, code));
  const [parent] = await service.database.db.select().from(t.orgUnits).where(eq(t.orgUnits.id, unit!.parentId!));
  return parent!.code;
};

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900, target: 'KT.KONRAY.DR', person: 'Hà Thị Máy Tính', phone: '0912000111' },
  { name: 'phone-360', width: 360, height: 740, target: 'KT.KONRAY.DTL', person: 'Hà Văn Điện Thoại', phone: '0912000222' },
]) {
  describe(`the admin's units and people on a ${viewport.name} screen`, () => {
    it('moves a unit, adds a person with a role and ends it; the log shows it', async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      const link = (await issueWebLink(service.database.db, { personId: adminId, now: new Date(), baseUrl: service.url }))!;
      await page.goto(link);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${service.url}/`);

      // Units: the tree, then the school's chi bộ moves under another commune.
      await page.goto(`${service.url}/quan-tri/don-vi`);
      expect(await page.locator('h2').first().innerText()).toContain('Đảng bộ tỉnh Kon Tum');
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-1-units`);
      await page.getByRole('searchbox').fill('truong tieu hoc dak to lung');
      await page.getByRole('button', { name: 'Tìm' }).click();
      await page.getByRole('link', { name: 'Chi bộ Trường Tiểu học Đăk Tơ Lung' }).click();
      await page.locator('#chuyen-cap-tren').fill('KT.KONRAY.DTL.THDTL');
      await page.getByRole('button', { name: 'Chuyển', exact: true }).click();
      expect(await page.locator('.field-error').first().innerText()).toContain('chính nó');
      await shot(page, `${viewport.name}-2-unit-refused`);
      await page.locator('#chuyen-cap-tren').fill(viewport.target);
      await page.getByRole('button', { name: 'Chuyển', exact: true }).click();
      await expect.poll(() => page.locator('.form-ok').count()).toBe(1);
      expect(await parentOf('KT.KONRAY.DTL.THDTL')).toBe(viewport.target);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-3-unit-moved`);

      // People: add a deputy to Kon Brai, then end the role.
      await page.goto(`${service.url}/quan-tri/can-bo`);
      await page.locator('#them-ho-ten').fill(viewport.person);
      await page.locator('#them-dien-thoai').fill(viewport.phone);
      await page.locator('#them-don-vi').fill('KT.KONRAY.DTL.KONBRAI');
      await page.locator('#them-vai-tro').selectOption('deputy');
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await expect.poll(() => page.locator('.form-ok').count()).toBe(1);
      expect(await page.locator('h1').innerText()).toBe(viewport.person);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-4-person`);
      await page.getByRole('button', { name: 'Thôi giữ vai trò' }).click();
      await expect.poll(() => page.locator('.form-ok').innerText()).toContain('Đã thôi giữ vai trò.');
      expect(await page.locator('section', { hasText: 'Vai trò đã thôi' }).innerText()).toContain('phó bí thư Chi bộ thôn Kon Brai');
      await page.goto(`${service.url}/quan-tri/can-bo?q=${encodeURIComponent('Kon')}`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-5-people`);

      await page.goto(`${service.url}/quan-tri/nhat-ky`);
      const log = await page.locator('table.cards').innerText();
      expect(log).toContain('Thôi giữ vai trò');
      expect(log).toContain('Chuyển đơn vị');
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-6-audit`);
      await context.close();
    });
  });
}
