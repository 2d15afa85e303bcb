import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { issueWebLink } from '../../src/services/web-sign-in.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createWebApp } from '../../src/web/web-app.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { makeAdmin, personNamed } from '../helpers/web-console.js';

/**
 * The admin's calendar and invitations (issue 17) in a real Chromium, on a desktop and a 360-px
 * phone: change the due day (preview, then save), print the bulk invitation sheet (QR images on
 * it; an A4 PDF). Screenshots in /tmp/shots-calendar (or SHOTS_DIR).
 */

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-calendar';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const now = new Date('2026-11-21T03:00:00Z');

let handle: DatabaseHandle;
let server: RunningServer;
let browser: Browser;
let adminId: number;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  adminId = await makeAdmin(handle.db, 'KT', 'Nguyễn Quản Trị');
  // Four secretaries and deputies of Kon Rẫy have not pressed Start yet.
  const ids = await Promise.all(['Bùi Đức Thắng', 'A Đin', 'Võ Thị Mai', 'A Sang', 'A Blơng'].map((n) => personNamed(handle.db, n)));
  await handle.db.delete(t.channelAccounts).where(inArray(t.channelAccounts.personId, ids));
  let base = '';
  const web = createWebApp({ db: handle.db, log: createLogger('silent'), timeZone: 'Asia/Ho_Chi_Minh', now: () => now, secureCookies: false, baseUrl: () => base, telegramUsername: 'chibo_thu_bot' });
  server = await startHttpServer(createHttpApp({ database: handle, log: createLogger('silent'), web }), { host: '127.0.0.1', port: 0 });
  base = server.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await handle?.close();
});

async function signIn(page: Page) {
  const link = (await issueWebLink(handle.db, { personId: adminId, now, baseUrl: server.url }))!;
  await page.goto(link);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${server.url}/`);
}

const contentWidth = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth'));

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone-360', width: 360, height: 740 },
]) {
  describe(`the admin's calendar and invitations on a ${viewport.name} screen`, () => {
    it('changes the due day: «Xem trước» shows next month\'s dates, «Lưu» saves', async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page);
      await page.goto(`${server.url}/quan-tri/lich`);
      await page.screenshot({ path: join(SHOTS, `calendar-${viewport.name}.png`), fullPage: true });
      await page.getByLabel('Hạn nộp (ngày trong tháng, đến 23:59)').selectOption('27');
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.getByText('theo lịch đang nhập').waitFor();
      expect(await page.locator('table.preview').innerText()).toContain('23:59 ngày 27/12/2026');
      await page.screenshot({ path: join(SHOTS, `calendar-preview-${viewport.name}.png`), fullPage: true });
      // A refusal, next to the field.
      await page.getByLabel('Hạn nộp (ngày trong tháng, đến 23:59)').selectOption('15');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Hạn nộp không thể trước ngày mở kỳ.').waitFor();
      await page.screenshot({ path: join(SHOTS, `calendar-refused-${viewport.name}.png`), fullPage: true });
      await page.getByLabel('Hạn nộp (ngày trong tháng, đến 23:59)').selectOption('27');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu lịch báo cáo').waitFor();
      expect(await page.locator('table.preview').innerText()).toContain('23:59 ngày 27/12/2026');
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(SHOTS, `calendar-saved-${viewport.name}.png`), fullPage: true });
      await page.goto(`${server.url}/quan-tri/lich/han`);
      await page.getByLabel('Từ tháng').fill('2027-01');
      await page.getByLabel('Đến tháng').fill('2027-06');
      await page.getByLabel('Hạn nộp (đến 23:59 ngày đó)').fill('2027-07-15');
      await page.getByRole('button', { name: 'Thêm hạn' }).click();
      await page.getByText('Đã đặt hạn «Sơ kết 01/2027–06/2027»').waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(SHOTS, `deadlines-${viewport.name}.png`), fullPage: true });
      await context.close();
    });

    it('prints the invitations of a subtree: a sheet with QR images, A4 when printed', async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page);
      await page.goto(`${server.url}/quan-tri/loi-moi?don-vi=KT.KONRAY.HKL`);
      await page.screenshot({ path: join(SHOTS, `invitations-${viewport.name}.png`), fullPage: true });
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.getByLabel('Mã đơn vị (để trống: cả tổ chức)').fill('KT.KONRAY');
      await page.getByRole('button', { name: 'Tạo tờ in' }).click();
      await page.locator('.invite-card').first().waitFor();
      const cards = page.locator('.invite-card');
      expect(await cards.count()).toBe(4);
      expect(await page.locator('.invite-card svg').count()).toBe(4);
      const box = await page.locator('.invite-card svg').first().boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(await page.locator('.invite-sheet').innerText()).toContain('Kính gửi đồng chí Võ Thị Mai');
      await page.screenshot({ path: join(SHOTS, `invitations-sheet-${viewport.name}.png`), fullPage: true });
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);
      if (viewport.name === 'desktop') {
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('header.top').isVisible()).toBe(false);
        await page.screenshot({ path: join(SHOTS, 'invitations-sheet-print.png'), fullPage: true });
        const pdf = await page.pdf({ path: join(SHOTS, 'invitations-sheet.pdf'), format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        await page.emulateMedia({ media: 'screen' });
        // One invitation made for a person: the page with its code, link and QR code.
        await page.goto(`${server.url}/quan-tri/loi-moi?don-vi=KT.KONRAY.HKL`);
        await page.getByRole('row', { name: /Bùi Đức Thắng/ }).getByRole('button', { name: 'Tạo lời mời' }).click();
        await page.getByText('Đã tạo lời mời cho bí thư Chi bộ Hạt Kiểm lâm').waitFor();
        expect(await page.locator('a.deep-link').innerText()).toMatch(/^https:\/\/t\.me\/chibo_thu_bot\?start=[A-Z0-9]{12}$/);
        await page.screenshot({ path: join(SHOTS, 'invitation-made-desktop.png'), fullPage: true });
      }
      await context.close();
    });
  });
}
