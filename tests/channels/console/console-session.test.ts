import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleChannel } from '../../../src/channels/console/console-channel.js';
import { parseConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { startService, type RunningService } from '../../../src/service.js';
import * as t from '../../../src/storage/schema/index.js';

let dir: string;
let service: RunningService;
const input = new PassThrough();
const output = new PassThrough();
let screen = '';
output.on('data', (chunk: Buffer) => (screen += chunk.toString()));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-console-'));
  const config = parseConfig({ DATA_DIR: join(dir, 'data'), HTTP_PORT: '0' });
  service = await startService(config, { log: createLogger('silent'), now: () => new Date('2026-11-21T03:00:00Z'), console: { input, output } });
});
afterAll(async () => {
  input.end();
  await service.consoleDone;
  await service.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Types a line and waits until the screen shows `expected`. */
async function type(line: string, expected: string | RegExp): Promise<string> {
  const from = screen.length;
  input.write(`${line}\n`);
  for (let i = 0; i < 200; i += 1) {
    const fresh = screen.slice(from);
    if (typeof expected === 'string' ? fresh.includes(expected) : expected.test(fresh)) return fresh;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`screen never showed ${expected}:\n${screen.slice(from)}`);
}

describe('trying the bot in a terminal with no token', () => {
  it('signs in as a demo secretary and runs the check-in with numbered options', async () => {
    for (let i = 0; i < 200 && !screen.includes('[1] Bắt đầu'); i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(screen).toContain("Trò chuyện thử trong terminal");
    expect(screen).toContain('Đã đến kỳ báo cáo tháng 11/2026');
    expect(screen).toMatch(/\[3\] Tháng này không có hoạt động/);
    await type('3', 'Tóm tắt báo cáo tháng 11/2026');
    const sent = await type('1', 'Đã gửi báo cáo tháng 11/2026');
    expect(sent).toContain('/sua');
    const reports = await service.database.db.select().from(t.reports).where(eq(t.reports.noActivity, true));
    expect(reports.some((r) => r.status === 'submitted')).toBe(true);
    await type('hello', 'Báo cáo tháng này đã gửi');
  });

  it('reads a typed number as the answer when the buttons are numbers themselves', () => {
    const channel = new ConsoleChannel(new PassThrough(), 'test');
    void channel.send({ accountId: 1, chatId: 'c' }, { text: 'mấy cuộc?', choices: [{ label: '0', value: 'ans:0' }, { label: '1', value: 'ans:1' }, { label: 'Khác', value: 'other' }], conversationId: 1, version: 2 });
    expect(channel.toInbound('1', { externalUserId: 'u', displayName: 'A' }, new Date()).message).toEqual({ type: 'text', text: '1' });
    void channel.send({ accountId: 1, chatId: 'c' }, { text: 'Bắt đầu nhé?', choices: [{ label: 'Bắt đầu', value: 'start' }], conversationId: 1, version: 3 });
    expect(channel.toInbound('1', { externalUserId: 'u', displayName: 'A' }, new Date())).toMatchObject({ message: { type: 'choice', value: 'start' }, button: { conversationId: 1, version: 3 } });
  });
});
