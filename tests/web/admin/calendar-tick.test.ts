import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { openDatabase } from '../../../src/storage/client.js';
import { SLOW_TEST_TIMEOUT_MS } from '../../helpers/timeouts.js';
import { makeAdmin, webConsole } from '../../helpers/web-console.js';

let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-calendar-tick-'));
  process.env.DATA_DIR = join(dir, 'data');
  delete process.env.DATABASE_URL;
  delete process.env.TELEGRAM_BOT_TOKEN;
  delete process.env.TELEGRAM_WEBHOOK_SECRET;
});
afterAll(async () => {
  process.env = saved;
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a calendar saved in the console moves what the next tick sends', () => {
  it('the due day moved from 25 to 27: on the 24th the tick sends the D-3 reminder, not D-1', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    for (const file of ['don-vi', 'nhan-su', 'mo-hinh']) expect((await cli('import', `samples/${file}.csv`)).code).toBe(0);
    const before = await cli('tick', '--at', '2026-11-24T08:00:00+07:00');
    expect(before.code).toBe(0);
    expect(before.out).toContain('remind:2026-11:d1');

    // An admin moves the due day to the 27th in the console (the CLI's database is closed meanwhile).
    const handle = await openDatabase({ kind: 'pglite', dataDir: process.env.DATA_DIR! });
    try {
      const web = webConsole(handle.db, new Date('2026-11-24T02:00:00Z'));
      const admin = await web.signIn(await makeAdmin(handle.db, 'QN'));
      const page = await (await admin.get('/quan-tri/lich')).text();
      const version = /name="phien-ban" value="([^"]*)"/.exec(page)![1]!;
      const saved = await admin.post('/quan-tri/lich', {
        'phien-ban': version, 'ngay-mo': '20', 'gio-mo': '8', han: '27', nhac: '3, 1, 0', 'gio-nhac': '8', 'bao-len': '1', 'tong-hop-thu': '1',
        'tong-hop-gio': '07:30', 'yen-tu': '21', 'yen-den': '7', hoan: '3', 'nhac-so-ket': '14, 7, 3, 1', 'khoa-sau': '7', 'hanh-dong': 'luu',
      });
      expect(saved.status).toBe(303);
    } finally {
      await handle.close();
    }

    const after = await cli('tick', '--at', '2026-11-24T09:00:00+07:00');
    expect(after.code).toBe(0);
    expect(after.out).toContain('remind:2026-11:d3');
    expect(after.out).not.toContain('remind:2026-11:d1');
    // And the escalation comes a day after the new due day, not on the 26th.
    const escalation = await cli('tick', '--at', '2026-11-26T08:30:00+07:00');
    expect(escalation.out).not.toContain('late:2026-11');
    expect(escalation.out).toContain('remind:2026-11:d1');
    expect((await cli('tick', '--at', '2026-11-28T08:30:00+07:00')).out).toContain('late:2026-11');
  });
});
