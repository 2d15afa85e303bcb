import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { readDocx, readWorkbook } from '../helpers/read-files.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-cli-'));
  // The CLI reads its configuration from the environment, as an administrator's shell gives it.
  process.env.DATA_DIR = join(dir, 'data');
  process.env.TELEGRAM_BOT_USERNAME = 'chibo_demo_bot';
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('admin command line', () => {
  it('lists its commands with --help and refuses an unknown one', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const name of ['migrate', 'seed-demo', 'import', 'invite']) expect(help.out).toContain(name);
    const unknown = await cli('launch-rockets');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('launch-rockets');
  });

  it('migrates once, imports a file, refuses a bad one without writing, and prints an invitation link', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const first = await cli('migrate');
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain('Đã áp dụng');
    const second = await cli('migrate');
    expect(second.out).toContain('không có gì mới');

    const good = join(dir, 'don-vi.csv');
    await writeFile(good, 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nLC,Đảng bộ tỉnh Lai Châu,tỉnh,\nLC.KL,Chi bộ bản Ka Lăng,chi bộ,LC\n');
    expect(await cli('import', good)).toMatchObject({ code: 0, out: expect.stringContaining('2 đơn vị') });

    const bad = join(dir, 'hong.csv');
    await writeFile(bad, 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nLC.X,Chi bộ X,chi bộ,KHONGCO\n');
    const refused = await cli('import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('dòng 2, cột "Mã đơn vị cấp trên"');
    expect(refused.err).toContain('KHONGCO');

    const invite = await cli('invite', 'LC.KL', '--role', 'secretary');
    expect(invite.code).toBe(0);
    expect(invite.out).toContain('Chi bộ bản Ka Lăng');
    expect(invite.out).toMatch(/https:\/\/t\.me\/chibo_demo_bot\?start=[A-Z2-9]{12}/);

    expect((await cli('invite', 'LC.X')).err).toContain('LC.X');
    expect((await cli('invite', 'LC.KL', '--role', 'king')).code).toBe(2);
    expect((await cli('import')).code).toBe(2);
  });

  it('exports a unit\'s workbook to a file, and says how when the options are wrong', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    expect((await cli('seed-demo')).code).toBe(0);
    const out = join(dir, 'dtl.xlsx');
    const done = await cli('export', '--unit', 'KT.KONRAY.DTL', '--from', '2026-06', '--to', '2026-11', '--format', 'xlsx', '--out', out);
    expect(done).toMatchObject({ code: 0, out: expect.stringContaining(out) });
    const workbook = await readWorkbook(await readFile(out));
    expect(workbook.getWorksheet('Mô hình')!.rowCount).toBeGreaterThan(10);

    const docx = join(dir, 'dtl.docx');
    expect((await cli('export', '--unit', 'KT.KONRAY.DTL', '--from', '2026-06', '--to', '2026-11', '--format', 'docx', '--out', docx)).code).toBe(0);
    expect((await readDocx(await readFile(docx))).text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');

    expect((await cli('export', '--unit', 'KT', '--from', '2026-11', '--to', '2026-06', '--out', out)).code).toBe(2);
    expect((await cli('export', '--unit', 'KT', '--from', '2026-06', '--format', 'pdf', '--out', out)).code).toBe(2);
    expect((await cli('export', '--unit', 'KHONGCO', '--from', '2026-06', '--out', out)).code).toBe(1);
    expect((await cli('--help')).out).toContain('export --unit');
  });
});
