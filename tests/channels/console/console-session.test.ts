import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleChannel } from '../../../src/channels/console/console-channel.js';
import { parseConfig } from '../../../src/config.js';
import { createConsoleModeLogger, createLogger } from '../../../src/log.js';
import { startService, type RunningService } from '../../../src/service.js';
import * as t from '../../../src/storage/schema/index.js';
import { SLOW_TEST_TIMEOUT_MS } from '../../helpers/timeouts.js';

let dir: string;
let service: RunningService;
const input = new PassThrough();
const output = new PassThrough();
let screen = '';
output.on('data', (chunk: Buffer) => (screen += chunk.toString()));

/** 22/11/2026 10:00 in Hà Nội: November is open, due on the 25th, the «3 days left» reminder is due. */
const clock = new Date('2026-11-22T03:00:00Z');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-console-'));
  const config = parseConfig({ DATA_DIR: join(dir, 'data'), HTTP_PORT: '0' });
  // The schedule runs only when the test ticks (scheduler: false), so the notice comes when the test says.
  service = await startService(config, { log: createLogger('silent'), now: () => clock, scheduler: false, console: { input, output, logFile: join(dir, 'data', 'logs', 'service.log') } });
}, SLOW_TEST_TIMEOUT_MS);
afterAll(async () => {
  input.end();
  await service.consoleDone;
  await service.stop();
  await rm(dir, { recursive: true, force: true });
}, SLOW_TEST_TIMEOUT_MS);

/** Waits (for as long as a loaded machine needs) until the screen after `from` shows `expected`. */
async function waitFor(expected: string | RegExp, from = 0): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const fresh = screen.slice(from);
    if (typeof expected === 'string' ? fresh.includes(expected) : expected.test(fresh)) return fresh;
    if (Date.now() > deadline) throw new Error(`screen never showed ${expected}:\n${fresh}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Any question of the monthly check-in, or its summary: what the screen waits for while a report is walked through. */
const ANY_PROMPT =
  /(mấy cuộc|đảng viên dự|chuyên đề không|Chủ đề sinh hoạt|hoạt động triển khai|lượt người tham gia|Tiến độ mô hình|Kết quả nổi bật|Khó khăn, vướng mắc|ảnh minh chứng|người tốt, việc tốt|Đề xuất, kiến nghị với cấp trên)[^\n]*\n|Tóm tắt báo cáo[\s\S]*\[1\] Gửi báo cáo/;

/** A plausible answer to the last question on `shown`, typed as a secretary would. */
function answerTo(shown: string): string {
  const answers: [RegExp, string][] = [
    [/mấy cuộc/, '1'],
    [/đảng viên dự/, '18/19'],
    [/chuyên đề không/, 'không'],
    [/Chủ đề sinh hoạt/, 'Học tập Chỉ thị 05'],
    [/hoạt động triển khai/, '1'],
    [/lượt người tham gia/, '12'],
    [/Tiến độ mô hình/, 'Đúng kế hoạch'],
    [/Kết quả nổi bật/, 'Bỏ qua'],
    [/Khó khăn, vướng mắc/, 'Không có'],
    [/ảnh minh chứng/, 'Xong'],
    [/người tốt, việc tốt/, 'Không'],
    [/Đề xuất, kiến nghị/, 'Không có'],
  ];
  const last = answers
    .map(([re, answer]) => ({ at: Math.max(...[...shown.matchAll(new RegExp(re.source, 'g'))].map((m) => m.index), -1), answer }))
    .sort((a, b) => b.at - a.at)[0]!;
  if (last.at < 0) throw new Error(`no question on screen:\n${shown}`);
  return last.answer;
}

/** Types a line and waits until the screen shows `expected`; returns what appeared since. */
async function type(line: string, expected: string | RegExp): Promise<string> {
  const from = screen.length;
  input.write(`${line}\n`);
  return waitFor(expected, from);
}

describe('trying the bot in a terminal with no token', () => {
  it('signs in as a secretary whose unit has the reporting month to make, and says where logs and files go', async () => {
    await waitFor('[1] Bắt đầu');
    expect(screen).toContain('Trò chuyện thử trong terminal');
    expect(screen).toContain('Đã đến kỳ báo cáo tháng 11/2026');
    expect(screen).toContain(`Nhật ký của dịch vụ ghi vào ${join(dir, 'data', 'logs', 'service.log')}`);
    expect(screen).toContain(`được lưu vào ${join(dir, 'data', 'exports')}`);
    expect(screen).toMatch(/\[3\] Tháng này không có hoạt động/);
  }, SLOW_TEST_TIMEOUT_MS);

  it('shows a scheduled reminder set apart, its buttons as t1, t2, without taking over the question', async () => {
    const from = screen.length;
    await service.tick();
    const notice = await waitFor(/🔔 Thông báo[\s\S]*└/, from);
    expect(notice).toContain('[t1]');
    expect(notice).not.toMatch(/^\s*\[1\]/m);
    // Only the greeting was read: nothing is "đang làm dở" yet.
    expect(notice).not.toContain('đang làm dở');
    expect(notice).toContain('Câu hỏi ở trên vẫn chờ trả lời');
    // «t2» presses the notice's second button («Nhắc lại sau»), not the greeting's.
    expect(notice).toMatch(/\[t2\] Nhắc lại sau/);
    await type('t2', 'tôi sẽ nhắc lại đồng chí');
    // «1» still presses the greeting's first button: «Bắt đầu».
    await type('1', 'sinh hoạt thường kỳ mấy cuộc');
  }, SLOW_TEST_TIMEOUT_MS);

  it('asks no attendance after 0 meetings, then sends a no-activity month', async () => {
    await type('0', 'sinh hoạt chuyên đề');
    await type('/huy', 'tạm dừng');
    await type('/baocao', 'sinh hoạt chuyên đề');
    await type('Quay lại', 'sinh hoạt thường kỳ mấy cuộc');
    await type('Quay lại', '[1] Bắt đầu');
    await type('3', 'Tóm tắt báo cáo tháng 11/2026');
    const sent = await type('1', 'Đã gửi báo cáo tháng 11/2026');
    expect(sent).toContain('/sua');
    const reports = await service.database.db.select().from(t.reports).where(eq(t.reports.noActivity, true));
    expect(reports.some((r) => r.status === 'submitted')).toBe(true);
    await type('/tiendo', /đã gửi lúc 10:00 ngày 22\/11\/2026\./);
  }, SLOW_TEST_TIMEOUT_MS);

  it('says in /tiendo that a correction begun with /sua and paused is not sent yet', async () => {
    await type('/sua', 'Tóm tắt báo cáo tháng 11/2026');
    await type('2', 'Bắt đầu');
    await type('1', 'sinh hoạt thường kỳ mấy cuộc');
    await type('2', 'Bao nhiêu đảng viên dự');
    await type('/huy', 'tạm dừng');
    const progress = await type('/tiendo', 'đang sửa');
    expect(progress).toContain('đã gửi lúc 10:00 ngày 22/11/2026');
    expect(progress).toContain('bản đã gửi vẫn giữ nguyên');
  }, SLOW_TEST_TIMEOUT_MS);

  it('drops the attendance when the meetings are corrected to 0, and sends what the summary shows', async () => {
    // Resume the correction, answer it through to the summary.
    let shown = await type('/baocao', 'Bao nhiêu đảng viên dự');
    shown = await type('18/19', ANY_PROMPT);
    while (!shown.includes('Tóm tắt báo cáo')) shown = await type(answerTo(shown), ANY_PROMPT);
    expect(shown).toContain('Đảng viên dự / tổng số: 18/19');
    // «Sửa», then the meetings, then 0.
    const list = await type('2', 'Về bản tóm tắt');
    const item = /\[(\d+)\] (?:\d+\. )?Sinh hoạt thường kỳ/.exec(list)![1]!;
    await type(item, 'sinh hoạt thường kỳ mấy cuộc');
    const summary = await type('0', /Tóm tắt báo cáo[\s\S]*\[1\] Gửi báo cáo/);
    expect(summary).toContain('Sinh hoạt thường kỳ (cuộc): 0');
    expect(summary).not.toContain('Đảng viên dự');
    await type('1', 'Đã gửi báo cáo tháng 11/2026');
    const [stored] = await service.database.db.select().from(t.reports).where(eq(t.reports.status, 'submitted')).orderBy(desc(t.reports.updatedAt)).limit(1);
    expect(stored).toMatchObject({ meetingsHeld: 0, membersPresent: null, membersTotal: null, noActivity: false, version: 2 });
    await type('/tiendo', /đã gửi lúc 10:00 ngày 22\/11\/2026 \(đã sửa, bản 2\)\./);
  }, SLOW_TEST_TIMEOUT_MS);

  it('writes /xuat into the folder for files and prints its path', async () => {
    const shown = await type('/xuat', /Đã lưu tệp: (\S+\.xlsx)/);
    const path = /Đã lưu tệp: (\S+\.xlsx)/.exec(shown)![1]!;
    expect(path.startsWith(join(dir, 'data', 'exports'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  }, SLOW_TEST_TIMEOUT_MS);

  it('writes /baocaosoket into the folder for files and prints its path', async () => {
    const shown = await type('/baocaosoket', /Đã lưu tệp: (\S+\.docx)/);
    const path = /Đã lưu tệp: (\S+\.docx)/.exec(shown)![1]!;
    expect(path).toBe(join(dir, 'data', 'exports', basename(path)));
    expect(basename(path)).toMatch(/^bao-cao-so-ket_.+_2026-01_2026-11\.docx$/);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  }, SLOW_TEST_TIMEOUT_MS);

  it('reads a typed number as the answer when the buttons are numbers themselves', () => {
    const channel = new ConsoleChannel(new PassThrough(), 'test', dir);
    void channel.send({ accountId: 1, chatId: 'c' }, { text: 'mấy cuộc?', choices: [{ label: '0', value: 'ans:0' }, { label: '1', value: 'ans:1' }, { label: 'Khác', value: 'other' }], conversationId: 1, version: 2 });
    expect(channel.toInbound('1', { externalUserId: 'u', displayName: 'A' }, new Date()).message).toEqual({ type: 'text', text: '1' });
    void channel.send({ accountId: 1, chatId: 'c' }, { text: 'Bắt đầu nhé?', choices: [{ label: 'Bắt đầu', value: 'start' }], conversationId: 1, version: 3 });
    expect(channel.toInbound('1', { externalUserId: 'u', displayName: 'A' }, new Date())).toMatchObject({ message: { type: 'choice', value: 'start' }, button: { conversationId: 1, version: 3 } });
  });
});

describe('the log while the terminal is a chat', () => {
  it('writes every line to the file and shows only warnings and errors on screen', async () => {
    const terminal = new PassThrough();
    let shown = '';
    terminal.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const file = join(dir, 'log-test', 'logs', 'service.log');
    const log = createConsoleModeLogger('info', { file, terminal });
    log.info('Listening on http://127.0.0.1:8080');
    log.warn('an idle database connection was closed');
    expect(shown).not.toContain('Listening');
    expect(shown).toContain('WARN  an idle database connection was closed');
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('Listening on http://127.0.0.1:8080');
    expect(written).toContain('an idle database connection was closed');
  });

  it('keeps configured secrets out of the file and the screen, as the service log does', () => {
    const terminal = new PassThrough();
    let shown = '';
    terminal.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const file = join(dir, 'log-secrets', 'logs', 'service.log');
    const log = createConsoleModeLogger('info', { file, terminal }, { secrets: ['zalo-oa-s3cr3t-key'] });
    log.warn('Zalo refused the key zalo-oa-s3cr3t-key');
    const written = readFileSync(file, 'utf8');
    for (const text of [shown, written]) {
      expect(text).toContain('Zalo refused the key [redacted]');
      expect(text).not.toContain('s3cr3t');
    }
  });
});
