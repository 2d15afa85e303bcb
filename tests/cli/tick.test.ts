import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { openDatabase, queryRows } from '../../src/storage/client.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

let dir: string;
let telegram: FakeTelegram;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-tick-'));
  telegram = await new FakeTelegram().start();
  process.env.DATA_DIR = join(dir, 'data');
  process.env.TELEGRAM_BOT_TOKEN = '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz';
  process.env.TELEGRAM_API_ROOT = telegram.url;
  delete process.env.DATABASE_URL;
  delete process.env.TELEGRAM_WEBHOOK_SECRET;
});
afterAll(async () => {
  process.env = saved;
  await telegram.stop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- tick --at', () => {
  it('runs what is due at that instant, sends it through Telegram, and sends nothing new when repeated', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    expect((await cli('import', 'samples/don-vi.csv')).code).toBe(0);
    expect((await cli('import', 'samples/nhan-su.csv')).code).toBe(0);
    expect((await cli('import', 'samples/mo-hinh.csv')).code).toBe(0);
    // The month opens before anyone has accepted an invitation: the tick says so, and queues nothing.
    const opening = await cli('tick', '--at', '2026-11-20T08:00:00+07:00');
    expect(opening.code).toBe(0);
    expect(opening.out).toMatch(/mở kỳ báo cáo \(open:2026-11\): không có tin nào, vì \d+ đơn vị cần nhận tin nhưng chưa bí thư, phó bí thư nào/);
    expect(opening.out).not.toContain('xếp hàng');
    expect(opening.out).not.toContain('Đã gửi');

    // The secretaries have pressed Start (as an invitation would have bound them).
    const handle = await openDatabase({ kind: 'pglite', dataDir: process.env.DATA_DIR! });
    await handle.db.execute(sql`
      insert into channel_accounts (person_id, channel, external_user_id, chat_id)
      select p.id, 'telegram', (5000 + p.id)::text, (5000 + p.id)::text
        from people p join unit_roles ur on ur.person_id = p.id and ur.role = 'secretary'`);
    const [{ n: secretaries } = { n: 0 }] = await queryRows<{ n: number }>(handle.db, sql`
      select count(distinct a.id)::int as n from channel_accounts a join unit_roles ur on ur.person_id = a.person_id
        join models m on m.unit_id = ur.unit_id and m.status = 'active' where ur.role = 'secretary'`);
    await handle.close();
    expect(secretaries).toBeGreaterThan(0);

    const night = await cli('tick', '--at', '2026-11-21T23:00:00+07:00');
    expect(night.code).toBe(0);
    expect(night.out).toContain('Không có việc nào đến hạn lúc 23:00 ngày 21/11/2026.');
    expect(night.out).toContain('đang giờ yên lặng (21:00–07:00)');
    expect(night.out).toContain('việc tiếp theo là nhắc hạn tháng 11/2026 lúc 08:00 ngày 22/11/2026.');
    expect(telegram.delivered()).toHaveLength(0);

    const d3 = await cli('tick', '--at', '2026-11-22T08:00:00+07:00');
    expect(d3.code).toBe(0);
    expect(d3.out).toContain(`nhắc hạn (remind:2026-11:d3): ${secretaries} tin mới`);
    expect(d3.out).toContain(`Đã gửi ${secretaries} tin`);
    expect(telegram.delivered()).toHaveLength(secretaries);
    expect(telegram.delivered()[0]!.text).toContain('còn 3 ngày nữa là đến hạn (25/11/2026)');

    const again = await cli('tick', '--at', '2026-11-22T08:30:00+07:00');
    expect(again.out).not.toContain('tin mới');
    expect(again.out).toContain(`nhắc hạn (remind:2026-11:d3) đã chạy lúc 08:00 ngày 22/11/2026 (${secretaries} tin); không gửi lại.`);
    expect(telegram.delivered()).toHaveLength(secretaries);
  });

  it('refuses an instant it cannot read', async () => {
    const bad = await cli('tick', '--at', 'thứ hai tuần sau');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('thứ hai tuần sau');
  });
});
