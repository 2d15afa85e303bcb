import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { createInvitation } from '../../src/services/invite.js';
import * as t from '../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../helpers/fake-telegram.js';
import { makeJpeg } from '../helpers/photo-fixtures.js';
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

/** How wide the page's content is: wider than the viewport means sideways scrolling. */
async function pageWidth(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
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
      // The people table fits the screen: on a phone each person is a card, nothing scrolls sideways.
      expect(await page.locator('table.cards td', { hasText: 'A Thút' }).count()).toBe(1);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      const peopleHeader = await page.locator('table.cards thead').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display);
      expect(peopleHeader).toBe(viewport.width <= 600 ? 'none' : 'table-header-group');
      await shot(page, `${viewport.name}-3-unit`);
      await page.getByRole('link', { name: 'Xem báo cáo' }).first().click();
      await page.waitForURL(/\/bao-cao\/\d+$/);
      expect(await page.locator('h1').innerText()).toContain('Báo cáo tháng');
      await shot(page, `${viewport.name}-4-report`);

      // Photos of that report, as the secretary's chat would have left them: one fetched by the
      // service's fetch job (from the fake Bot API), one still waiting (Zalo, which this service
      // cannot fetch from), one whose link had expired.
      const reportId = Number(/\/bao-cao\/(\d+)$/.exec(page.url())![1]);
      const db = service.database.db;
      const [answer] = await db.select({ id: t.modelAnswers.id }).from(t.modelAnswers).where(eq(t.modelAnswers.reportId, reportId)).limit(1);
      if (answer) {
        const fileRef = `AgAC-browser-${viewport.name}`;
        fake.addFile(fileRef, await makeJpeg(1600, 1200));
        const [ready, pending, failed] = await db
          .insert(t.attachments)
          .values([
            { reportId, modelAnswerId: answer.id, channel: 'telegram', fileRef },
            { reportId, modelAnswerId: answer.id, channel: 'zalo', fileRef: `https://photo.example/${viewport.name}/waiting.jpg` },
            { reportId, modelAnswerId: answer.id, channel: 'zalo', fileRef: `https://photo.example/${viewport.name}/expired.jpg`, fetchStatus: 'failed', fetchError: 'expired', fetchAttempts: 1 },
          ])
          .returning({ id: t.attachments.id });
        service.photoFetcher.nudge();
        await expect
          .poll(async () => (await db.select({ status: t.attachments.fetchStatus }).from(t.attachments).where(eq(t.attachments.id, ready!.id)))[0]!.status, { timeout: 60_000 })
          .toBe('fetched');
        await page.reload();
        // The thumbnails load lazily: bring the gallery into view, then wait for both to be drawn.
        await page.locator('.gallery').scrollIntoViewIfNeeded();
        const drawnWidth = (id: number) =>
          page.locator(`img[src="/anh/${id}/thumb"]`).evaluate((img) => {
            const i = img as unknown as { complete: boolean; naturalWidth: number };
            return i.complete ? i.naturalWidth : 0;
          });
        await expect.poll(() => drawnWidth(ready!.id), { timeout: 30_000 }).toBe(320);
        await expect.poll(() => drawnWidth(pending!.id), { timeout: 30_000 }).toBe(320);
        // (The phone's run finds the desktop run's photos on the same report too.)
        const tiles = await page.locator('.photo-tile').allInnerTexts();
        expect(tiles.length).toBeGreaterThan(0);
        expect(new Set(tiles)).toEqual(new Set(['Không tải được ảnh']));
        expect(await page.locator(`[src*="/anh/${failed!.id}/"], [href*="/anh/${failed!.id}/"]`).count()).toBe(0);
        expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
        await shot(page, `${viewport.name}-4-report`);
        await page.locator(`img[src="/anh/${ready!.id}/thumb"]`).click();
        await page.waitForURL(new RegExp(`/anh/${ready!.id}/full$`));
        await shot(page, `${viewport.name}-5-photo`);
        await page.goBack();
      }

      // Xuất: an XLSX of the district for the months so far.
      await page.getByRole('link', { name: 'Xuất', exact: true }).click();
      await page.waitForURL(/\/xuat$/);
      // The unit from the select of the district's units (a commune), not a typed code.
      expect(await page.locator('select[name="don-vi"] option:checked').innerText()).toBe('Huyện ủy Kon Rẫy (KT.KONRAY)');
      await page.locator('select[name="don-vi"]').selectOption('KT.KONRAY.DTL');
      await page.locator('select[name="dinh-dang"]').selectOption('xlsx');
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `${viewport.name}-6-export-form`);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Tạo tệp' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^so-lieu_KT\.KONRAY\.DTL_\d{4}-\d{2}_\d{4}-\d{2}\.xlsx$/);
      const saved = join(SCREENSHOTS, `${viewport.name}-${download.suggestedFilename()}`);
      await download.saveAs(saved);
      expect((await readFile(saved)).subarray(0, 2).toString()).toBe('PK');
      await page.goto(`${service.url}/xuat`);
      await shot(page, `${viewport.name}-7-exports`);

      // Models with a filter, and sign-out.
      await page.getByRole('link', { name: 'Mô hình', exact: true }).click();
      await page.locator('select[name="linh-vuc"]').selectOption('kinh_te');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL(/linh-vuc=kinh_te/);
      await shot(page, `${viewport.name}-8-models`);
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
