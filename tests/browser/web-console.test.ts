import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { createInvitation } from '../../src/services/invite.js';
import * as t from '../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../helpers/fake-telegram.js';
import { startTestService } from '../helpers/test-service.js';

/** Where the screenshots go (the README names it; git ignores it). */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let fake: FakeTelegram;
let service: RunningService;
let stop: () => Promise<void>;
let browser: Browser;
const leader = telegramUser(9301, 'Lãnh đạo Kon Rẫy');

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  fake = await new FakeTelegram().start();
  ({ service, stop } = await startTestService({ TELEGRAM_BOT_TOKEN: '123456:BROWSER_abcdefghijklmnopqrstuvwxyz', TELEGRAM_API_ROOT: fake.url }));
  // A leader of the Kon Rẫy district joins the bot with an invitation, as in real life.
  const code = (await createInvitation(service.database.db, { unitCode: 'KT.KONRAY', role: 'leader', days: 7, now: new Date() })).code;
  fake.pushUpdate(leader.text(`/start ${code}`));
  await fake.waitFor(() => fake.sent(9301).length >= 1, 60_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
  await fake?.stop();
});

/** Asks the bot for a sign-in link with /web, as a leader would, and returns the link it sent. */
async function linkFromBot(): Promise<string> {
  const before = fake.sent(9301).length;
  fake.pushUpdate(leader.text('/web'));
  await fake.waitFor(() => fake.sent(9301).length > before, 60_000);
  const message = fake.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === '9301').at(-1)!;
  expect(message.body.link_preview_options).toEqual({ is_disabled: true });
  const url = /(http:\/\/\S+\/dang-nhap\/[A-Za-z0-9_-]{43})/.exec(String(message.body.text))?.[1];
  expect(url, String(message.body.text)).toBeTruthy();
  return url!;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone-360', width: 360, height: 740 },
]) {
  describe(`the web console on a ${viewport.name} screen`, () => {
    it('signs in from a /web link, opens the overview, drills down to a report and its photo, and downloads an XLSX', async () => {
      const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      const link = await linkFromBot();
      expect(link.startsWith(service.url)).toBe(true);

      await page.goto(link);
      await expect.poll(() => page.getByRole('button', { name: 'Đăng nhập' }).count()).toBe(1);
      await shot(page, `${viewport.name}-1-sign-in`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${service.url}/`);
      expect(await page.locator('h1').innerText()).toContain('Tổng quan: Huyện ủy Kon Rẫy');
      expect(await page.locator('table.matrix td.cell').count()).toBeGreaterThan(0);
      expect(await page.locator('svg.chart').count()).toBe(1);
      await shot(page, `${viewport.name}-2-overview`);

      // Drill down: the commune from the matrix, then one of its months' reports.
      await page.locator('table.matrix').getByRole('link', { name: 'Đảng ủy xã Đăk Tơ Lung' }).click();
      await page.waitForURL(/\/don-vi\/\d+$/);
      expect(await page.locator('h1').innerText()).toContain('Đảng ủy xã Đăk Tơ Lung');
      await shot(page, `${viewport.name}-3-unit`);
      await page.getByRole('link', { name: 'Xem báo cáo' }).first().click();
      await page.waitForURL(/\/bao-cao\/\d+$/);
      expect(await page.locator('h1').innerText()).toContain('Báo cáo tháng');
      await shot(page, `${viewport.name}-4-report`);

      // A photo of that report, when the photo route is there to serve it.
      const reportId = Number(/\/bao-cao\/(\d+)$/.exec(page.url())![1]);
      const db = service.database.db;
      const [photo] = await db.select({ id: t.attachments.id }).from(t.attachments).where(eq(t.attachments.reportId, reportId)).limit(1);
      if (photo) {
        const img = page.locator(`img[src="/anh/${photo.id}/thumb"]`);
        expect(await img.count()).toBe(1);
        const served = await page.request.get(`${service.url}/anh/${photo.id}/thumb`);
        if (served.status() === 200) {
          await img.click();
          await shot(page, `${viewport.name}-5-photo`);
          await page.goBack();
        }
      }

      // Xuất: an XLSX of the district for the months so far.
      await page.getByRole('link', { name: 'Xuất', exact: true }).click();
      await page.waitForURL(/\/xuat$/);
      await page.locator('select[name="dinh-dang"]').selectOption('xlsx');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Tạo tệp' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^so-lieu_KT\.KONRAY_\d{4}-\d{2}_\d{4}-\d{2}\.xlsx$/);
      const saved = join(SCREENSHOTS, `${viewport.name}-${download.suggestedFilename()}`);
      await download.saveAs(saved);
      expect((await readFile(saved)).subarray(0, 2).toString()).toBe('PK');
      await page.goto(`${service.url}/xuat`);
      await shot(page, `${viewport.name}-6-exports`);

      // Models with a filter, and sign-out.
      await page.getByRole('link', { name: 'Mô hình', exact: true }).click();
      await page.locator('select[name="linh-vuc"]').selectOption('kinh_te');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL(/linh-vuc=kinh_te/);
      await shot(page, `${viewport.name}-7-models`);
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      expect(await page.locator('body').innerText()).toContain('đã đăng xuất');
      const after = await page.goto(`${service.url}/`);
      expect(after?.status()).toBe(401);

      // The page never needed a script and no console error happened.
      const audits = await db.select().from(t.auditLog).where(and(like(t.auditLog.action, 'web.%')));
      expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['web.sign_in', 'web.export.download', 'web.sign_out']));
      await context.close();
    });
  });
}
