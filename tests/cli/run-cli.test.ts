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

    // A chi bộ without an active mô hình has nothing to report: refused, with the way round it.
    const refusedInvite = await cli('invite', 'LC.KL', '--role', 'secretary');
    expect(refusedInvite.code).toBe(1);
    expect(refusedInvite.err).toContain('chưa có mô hình nào đang thực hiện');
    const invite = await cli('invite', 'LC.KL', '--role', 'secretary', '--force');
    expect(invite.code).toBe(0);
    expect(invite.out).toContain('Chi bộ bản Ka Lăng');
    expect(invite.out).toMatch(/https:\/\/t\.me\/chibo_demo_bot\?start=[A-Z2-9]{12}/);

    expect((await cli('invite', 'LC.X')).err).toContain('LC.X');
    expect((await cli('invite', 'LC.KL', '--role', 'king')).code).toBe(2);
    expect((await cli('import')).code).toBe(2);

    // A role given on the command line can be ended there, once; the reply says whose it was.
    expect((await cli('web-link', 'LC', '--role', 'leader', '--name', 'Lò Văn Quản')).code).toBe(0);
    const ended = await cli('role', 'end', 'LC', '--role', 'leader');
    expect(ended).toMatchObject({ code: 0, out: expect.stringContaining('Đã thôi giao lãnh đạo Đảng bộ tỉnh Lai Châu cho đồng chí Lò Văn Quản.') });
    const again = await cli('role', 'end', 'LC', '--role', 'leader');
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('hiện không có lãnh đạo') });
    expect((await cli('role', 'close', 'LC', '--role', 'leader')).code).toBe(2);
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

    // CSV: «;» and a decimal comma by default (Excel under Vietnamese settings), «,» and a point with --csv-locale intl.
    const csvVi = join(dir, 'dtl-vi.csv');
    expect((await cli('export', '--unit', 'KT.KONRAY.DTL', '--from', '2026-06', '--to', '2026-11', '--format', 'csv', '--sheet', 'don-vi', '--out', csvVi)).code).toBe(0);
    const [viHeader, ...viRows] = (await readFile(csvVi, 'utf8')).split('\r\n');
    expect(viHeader).toContain(';');
    expect(viRows.join('\n')).toMatch(/;\d+,\d+(;|$)/m);
    const csvIntl = join(dir, 'dtl-intl.csv');
    expect((await cli('export', '--unit', 'KT.KONRAY.DTL', '--from', '2026-06', '--to', '2026-11', '--format', 'csv', '--sheet', 'don-vi', '--csv-locale', 'intl', '--out', csvIntl)).code).toBe(0);
    const [intlHeader, ...intlRows] = (await readFile(csvIntl, 'utf8')).split('\r\n');
    expect(intlHeader).not.toContain(';');
    expect(intlHeader!.split(',').length).toBe(viHeader!.split(';').length);
    expect(intlRows.join('\n')).toMatch(/,\d+\.\d+(,|$)/m);
    const badLocale = await cli('export', '--unit', 'KT.KONRAY.DTL', '--from', '2026-06', '--format', 'csv', '--csv-locale', 'fr', '--out', csvIntl);
    expect(badLocale.code).toBe(2);
    expect(badLocale.err).toContain('--csv-locale phải là vi');
    expect(badLocale.err).not.toContain('migrate');

    expect((await cli('export', '--unit', 'KT', '--from', '2026-11', '--to', '2026-06', '--out', out)).code).toBe(2);
    expect((await cli('export', '--unit', 'KT', '--from', '2026-06', '--format', 'pdf', '--out', out)).code).toBe(2);
    expect((await cli('export', '--unit', 'KHONGCO', '--from', '2026-06', '--out', out)).code).toBe(1);
    expect((await cli('--help')).out).toContain('export --unit');
  });
});

describe('help and usage errors', () => {
  it('fits --help and each command\'s help in 80 columns', async () => {
    const help = await cli('--help');
    for (const line of help.out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(help.out).toContain('invite <mã-đơn-vị> [--role secretary|deputy|leader|admin]');
    const one = await cli('export', '--help');
    expect(one.code).toBe(0);
    expect(one.out).toContain('--sheet');
    for (const line of one.out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('on a usage error says what is wrong, the command\'s usage and where the help is, not the whole help', async () => {
    const noUnit = await cli('invite');
    expect(noUnit.code).toBe(2);
    expect(noUnit.err.split('\n')[0]).toBe('Thiếu mã đơn vị.');
    // The same four roles as --help.
    expect(noUnit.err.replace(/\n\s+/g, ' ')).toContain('[--role secretary|deputy|leader|admin]');
    expect(noUnit.err).toContain('npm run cli -- invite --help');
    expect(noUnit.err).not.toContain('seed-demo');

    const unknownOption = await cli('migrate', '--force');
    expect(unknownOption).toMatchObject({ code: 2, err: expect.stringContaining('Lệnh migrate không có tùy chọn --force.') });
    expect(unknownOption.err).not.toContain('To specify a positional');
    expect((await cli('invite', 'LC.KL', '--role')).err).toContain('Tùy chọn --role cần một giá trị.');
    expect((await cli('migrate', 'now')).err).toContain('Thừa tham số "now".');
    expect((await cli('import')).err).toContain('Thiếu đường dẫn tệp');
    for (const r of [await cli('invite'), await cli('migrate', '--force')]) expect(r.err.split('\n').length).toBeLessThanOrEqual(4);
  });

  it('says in one line that a file to import does not exist', async () => {
    const missing = await cli('import', join(dir, 'khong-co.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`Không tìm thấy tệp "${join(dir, 'khong-co.csv')}" (đường dẫn tính từ thư mục ${process.cwd()}).`);
  });
});

describe('import messages', () => {
  it('recognises a units file without its "Loại" column and says which column that kind still needs', async () => {
    const file = join(dir, 'thieu-loai.csv');
    await writeFile(file, 'Mã đơn vị,Tên đơn vị,Mã đơn vị cấp trên\nDN,Đảng bộ tỉnh Đà Nẵng,\n');
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Thiếu cột bắt buộc "Loại" của danh sách đơn vị.');
    expect(r.err).not.toContain('Không nhận ra loại dữ liệu');
  });

  it('hints to import the units first when a people file comes before them', async () => {
    const file = join(dir, 'nhan-su-truoc.csv');
    await writeFile(file, 'Họ tên,Số điện thoại,Mã đơn vị,Vai trò\nA Thút,0905123456,HUE.PX,bí thư\n');
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('dòng 2, cột "Mã đơn vị": Mã đơn vị "HUE.PX" không có trong tệp');
    expect(r.err).toContain('Nhập danh sách đơn vị trước');
  });

  it('counts identical repeated rows, and says when importing the same file again changes nothing', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const file = join(dir, 'lap.csv');
    await writeFile(file, 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nHUE,Đảng bộ tỉnh Huế,tỉnh,\nHUE.A,Chi bộ A,chi bộ,HUE\nHUE.A,Chi bộ A,chi bộ,HUE\n');
    const first = await cli('import', file);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Bỏ qua 1 dòng giống hệt một dòng trước đó: dòng 4 (như dòng 3).');
    expect(first.out).toContain('Đã nhập: 2 đơn vị');
    const again = await cli('import', file);
    expect(again.out).toContain('Không có gì thay đổi: 2 đơn vị');
    expect((await cli('import', file, '--dry-run')).out).toContain('(Chạy thử, chưa ghi gì) Không có gì thay đổi');
  });
});
