import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { issueWebLink } from '../../src/services/web-sign-in.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { createWebApp } from '../../src/web/web-app.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { makeAdmin } from '../helpers/web-console.js';

/**
 * The question-set editor (issue 18) in a real Chromium, on a desktop and a 360-px phone: a draft
 * started from the set in force, a question reworded and one added (refused until complete),
 * tried «như bí thư», then published. Screenshots in /tmp/shots-questions (or SHOTS_DIR).
 */

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-questions';
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
  let base = '';
  const web = createWebApp({ db: handle.db, log: createLogger('silent'), timeZone: 'Asia/Ho_Chi_Minh', now: () => now, secureCookies: false, baseUrl: () => base });
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

for (const [round, viewport] of [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone-360', width: 360, height: 740 },
].entries()) {
  describe(`the question-set editor on a ${viewport.name} screen`, () => {
    it('edits a question, adds one, previews it as a secretary, and publishes', async () => {
      // The second round edits the set the first one published: one more question, and its own new one.
      const ours = [
        { key: 'themedClasses', label: 'Lớp chuyên đề', prompt: 'Tháng {month} tổ chức bao nhiêu lớp học tập chuyên đề?', unit: 'lớp' },
        { key: 'themedLearners', label: 'Lượt học chuyên đề', prompt: 'Tháng {month} có bao nhiêu lượt người học chuyên đề?', unit: 'lượt người' },
      ][round]!;
      const count = 14 + round;
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      const shot = async (name: string) => {
        expect(await contentWidth(page), name).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: join(SHOTS, `${name}-${viewport.name}.png`), fullPage: true });
      };
      await signIn(page);
      await page.goto(`${server.url}/quan-tri`);
      await page.getByRole('link', { name: 'Bộ câu hỏi báo cáo' }).click();
      await page.getByRole('heading', { name: 'Đang áp dụng' }).waitFor();
      await shot('questions');

      await page.getByRole('button', { name: 'Tạo bản nháp từ bộ đang áp dụng' }).click();
      await page.getByText('Đã tạo bản nháp').waitFor();
      await shot('questions-editor');
      const first = page.locator('#cau-1');
      expect(await first.innerText()).toContain('Chỉ tiêu chuẩn');
      expect(await first.getByRole('button', { name: 'Xóa câu này' }).count()).toBe(0);
      await first.getByLabel('Câu hỏi bí thư nhận được').fill('Tháng {month}, chi bộ họp thường kỳ mấy lần?');

      // A new question, saved before it is filled in: refused, the problems next to it.
      await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
      await page.getByText('Chưa lưu: bấm «Lưu bản nháp»').waitFor();
      const added = page.locator(`#cau-${count + 1}`);
      await added.getByLabel('Mã (không dấu, để lưu câu trả lời)').fill(ours.key);
      await added.getByLabel('Kiểu trả lời').selectOption('number');
      await page.getByRole('button', { name: 'Lưu bản nháp' }).first().click();
      await page.getByText(/Chưa lưu được: \d+ lỗi/).waitFor();
      expect(await page.locator(`#cau-${count + 1} .problems`).innerText()).toContain('Thiếu tên ngắn');
      await shot('questions-refused');

      const refused = page.locator(`#cau-${count + 1}`);
      await refused.getByLabel('Tên ngắn (trong bản tóm tắt, bảng tính)').fill(ours.label);
      await refused.getByLabel('Câu hỏi bí thư nhận được').fill(ours.prompt);
      if ((await refused.locator('details').getAttribute('open')) === null) await refused.locator('summary').click();
      await refused.getByLabel('Đơn vị tính (kiểu số có đơn vị)').fill(ours.unit);
      await refused.getByLabel('Đưa vào bản tổng hợp gửi lãnh đạo').check();
      // Moved up, above «Đề xuất, kiến nghị», then saved.
      await refused.getByRole('button', { name: 'Lên' }).click();
      await page.getByText('Chưa lưu: bấm «Lưu bản nháp»').waitFor();
      expect(await page.locator(`#cau-${count} legend`).innerText()).toContain(ours.label);
      await page.getByRole('button', { name: 'Lưu bản nháp' }).first().click();
      await page.getByText('Đã lưu bản nháp.').waitFor();
      expect(await page.locator('#cau-1 textarea').first().inputValue()).toBe('Tháng {month}, chi bộ họp thường kỳ mấy lần?');

      // «Thử như bí thư»: the reworded question, a re-prompt, the new one at the end.
      await page.getByRole('link', { name: 'Thử như bí thư' }).first().click();
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      await page.getByText('Tháng 11, chi bộ họp thường kỳ mấy lần?').waitFor();
      const say = async (text: string) => {
        await page.getByPlaceholder('Trả lời').fill(text);
        await page.getByRole('button', { name: 'Gửi', exact: true }).click();
        await page.locator('li.me .bubble', { hasText: text }).last().waitFor();
      };
      await say('hai buổi thì phải');
      expect(await page.locator('ol.chat li.bot').last().innerText()).toContain('Tháng 11, chi bộ họp thường kỳ mấy lần?');
      await say('2');
      await page.getByText('Bao nhiêu đảng viên dự / tổng số?').waitFor();
      await say('17/19');
      await page.getByRole('button', { name: 'Không', exact: true }).click();
      await page.getByText('Mô hình 1/2 «Mô hình thử 1»').waitFor();
      await page.getByRole('button', { name: '0', exact: true }).click();
      await page.getByText('Mô hình 2/2 «Mô hình thử 2»').waitFor();
      await page.getByRole('button', { name: '0', exact: true }).click();
      await page.getByText('Có gương người tốt, việc tốt').waitFor();
      await page.getByRole('button', { name: 'Không', exact: true }).click();
      await page.getByText('Khó khăn, vướng mắc chung').waitFor();
      await page.getByRole('button', { name: 'Không có', exact: true }).click();
      if (round === 1) {
        await page.getByText('Tháng 11 tổ chức bao nhiêu lớp học tập chuyên đề?').waitFor();
        await say('197 lớp');
      }
      await page.getByText(ours.prompt.replace('{month}', '11')).waitFor();
      await say('abc');
      await page.getByText(`Đồng chí gõ một số, ví dụ: 12 ${ours.unit}.`).waitFor();
      await shot('questions-preview');
      await page.getByRole('button', { name: 'Làm lại' }).click();
      await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
      expect(await page.locator('li.me').count()).toBe(0);

      // Publish from this month.
      await page.getByRole('link', { name: 'Về bản nháp' }).click();
      expect(await page.getByLabel('Áp dụng từ tháng').inputValue()).toBe('2026-11');
      await page.getByRole('button', { name: 'Áp dụng bộ câu hỏi' }).click();
      await page.getByText(`Đã áp dụng bộ câu hỏi phiên bản ${round + 1} cho`).waitFor();
      expect(await page.locator('.form-ok').innerText()).toContain(`từ tháng 11/2026 (${count + 1} câu)`);
      expect(await page.locator('section.card').first().innerText()).toContain(ours.label);
      await shot('questions-published');
      await context.close();
    });
  });
}
