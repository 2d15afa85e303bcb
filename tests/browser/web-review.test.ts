import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { createInvitation } from '../../src/services/invite.js';
import * as t from '../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../helpers/fake-telegram.js';
import { startTestService } from '../helpers/test-service.js';

/**
 * The web review (issue 19) in a real Chromium, on a desktop and a 360-px phone: the commune's
 * leader signs in from /web, opens «Duyệt», returns a cell's report with a comment, and approves another month's reports in bulk. Screenshots in test-results/screenshots.
 */

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let fake: FakeTelegram;
let service: RunningService;
let stop: () => Promise<void>;
let browser: Browser;
const leader = telegramUser(9401, 'Lãnh đạo Đăk Tơ Lung');

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  fake = await new FakeTelegram().start();
  ({ service, stop } = await startTestService({ TELEGRAM_BOT_TOKEN: '123456:REVIEW_abcdefghijklmnopqrstuvwxyz', TELEGRAM_API_ROOT: fake.url }));
  const code = (await createInvitation(service.database.db, { unitCode: 'KT.KONRAY.DTL', role: 'leader', days: 7, now: new Date() })).code;
  fake.pushUpdate(leader.text(`/start ${code}`));
  await fake.waitFor(() => fake.sent(9401).length >= 1, 60_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
  await fake?.stop();
});

async function linkFromBot(): Promise<string> {
  const before = fake.sent(9401).length;
  fake.pushUpdate(leader.text('/web'));
  await fake.waitFor(() => fake.sent(9401).length > before, 60_000);
  const text = String(fake.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === '9401').at(-1)!.body.text);
  return /(http:\/\/\S+\/dang-nhap\/[A-Za-z0-9_-]{43})/.exec(text)![1]!;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `review-${name}.png`), fullPage: true });
}

/** How wide the page's content is: wider than the viewport means sideways scrolling. */
async function contentWidth(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

/** The months in which Chi bộ thôn Kon Lung's report waits for review, newest first. */
async function pendingKonLungMonths(): Promise<{ reportId: number; month: string }[]> {
  const db = service.database.db;
  const rows = await db
    .select({ reportId: t.reports.id, month: t.periods.startsOn })
    .from(t.reports)
    .innerJoin(t.periods, eq(t.periods.id, t.reports.periodId))
    .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.reports.unitId))
    .where(and(eq(t.orgUnits.code, 'KT.KONRAY.DTL.KONLUNG'), eq(t.reports.status, 'submitted'), eq(t.reports.reviewState, 'pending')))
    .orderBy(desc(t.periods.startsOn));
  return rows;
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone-360', width: 360, height: 740 },
]) {
  describe(`the review on a ${viewport.name} screen`, () => {
    it('returns a report with a comment and approves a month in bulk, with no sideways scrolling', async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(await linkFromBot());
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${service.url}/`);
      expect(await page.locator('table.review-states').count()).toBe(1);
      await shot(page, `${viewport.name}-1-overview`);

      const [toReturn, toApprove] = await pendingKonLungMonths();
      expect(toReturn && toApprove, 'two months of Kon Lung waiting for review in the demo').toBeTruthy();

      // Duyệt, the month of the report to return: open it from the list.
      await page.getByRole('link', { name: 'Duyệt', exact: true }).click();
      await page.waitForURL(/\/duyet$/);
      await page.goto(`${service.url}/duyet?thang=${toReturn!.month.slice(0, 7)}`);
      expect(await page.locator('h1').innerText()).toContain('Báo cáo chờ duyệt tháng');
      await shot(page, `${viewport.name}-2-queue`);
      await page.getByRole('link', { name: 'Chi bộ thôn Kon Lung' }).click();
      await page.waitForURL(/\/bao-cao\/\d+$/);
      expect(await page.locator('dl.facts').first().innerText()).toContain('Chờ duyệt');

      // An empty comment is stopped by the browser; a real one returns the report.
      await page.getByRole('button', { name: 'Trả lại để sửa' }).click();
      expect(page.url()).toMatch(/\/bao-cao\/\d+$/);
      await page.getByLabel(/Nhận xét: đơn vị cần sửa gì/).fill('Số lượt người tham gia mô hình (58) chưa khớp với biên bản sinh hoạt; đề nghị chi bộ kiểm tra và sửa lại.');
      await shot(page, `${viewport.name}-3-report-form`);
      await page.getByRole('button', { name: 'Trả lại để sửa' }).click();
      await page.waitForURL(/ket-qua=tra-lai$/);
      expect(await page.locator('body').innerText()).toContain('Đã trả lại báo cáo để sửa.');
      expect(await page.locator('dl.facts').first().innerText()).toContain('Trả lại');
      expect(await page.locator('ol.history').innerText()).toContain('Trả lại để sửa');
      await shot(page, `${viewport.name}-4-returned`);
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);

      // The month before: choose every report and approve them in one go.
      await page.goto(`${service.url}/duyet?thang=${toApprove!.month.slice(0, 7)}`);
      const boxes = page.locator('input[name="bao-cao"]');
      const count = await boxes.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i += 1) await boxes.nth(i).check();
      await page.getByRole('button', { name: 'Đạt tất cả báo cáo đã chọn' }).click();
      await page.waitForURL(/\/duyet$/);
      expect(await page.locator('body').innerText()).toContain(`Đã duyệt (đạt) ${count} báo cáo.`);
      await shot(page, `${viewport.name}-5-bulk`);
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);

      // A cell's months: a missed one can be opened for a «báo cáo bổ sung» with a deadline.
      const [unit] = await service.database.db.select({ id: t.orgUnits.id }).from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.DTL.THDTL'));
      await page.goto(`${service.url}/don-vi/${unit!.id}`);
      const forms = page.locator('form.opening');
      if ((await forms.count()) > 0) {
        await forms.first().getByRole('button').click();
        await page.waitForURL(/mo-thang=supplement/);
        expect(await page.locator('p.notice').innerText()).toContain('Đã cho phép đơn vị báo cáo bổ sung');
      }
      await shot(page, `${viewport.name}-6-unit-months`);
      expect(await contentWidth(page)).toBeLessThanOrEqual(viewport.width);
      await context.close();
    });
  });
}
