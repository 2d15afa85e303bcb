import { readFile } from 'node:fs/promises';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { importOrganisation } from '../../src/services/import-organisation.js';
import { readTabularFile } from '../../src/services/read-tabular.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { listSubtree } from '../../src/storage/queries/org-units.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(async () => {
  await handle.close();
});

const encode = (text: string) => new TextEncoder().encode(text);
const now = new Date('2026-12-03T03:00:00Z');
const timeZone = 'Asia/Ho_Chi_Minh';

async function importText(name: string, text: string, dryRun = false) {
  return importOrganisation(handle.db, await readTabularFile(name, encode(text)), { fileName: name, dryRun, now, timeZone });
}

async function importSamples() {
  const summaries = [];
  for (const file of ['samples/don-vi.csv', 'samples/nhan-su.csv', 'samples/mo-hinh.csv']) {
    summaries.push(await importOrganisation(handle.db, await readTabularFile(file, await readFile(file)), { fileName: file, now, timeZone }));
  }
  return summaries;
}

async function unitCodes() {
  return (await handle.db.select({ code: t.orgUnits.code }).from(t.orgUnits).orderBy(asc(t.orgUnits.code))).map((r) => r.code);
}

async function failure(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('importing an organisation from its spreadsheets', () => {
  it('loads the sample CSV files: the tree, people with their roles, and models', async () => {
    await importSamples();
    const root = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'QN'));
    const subtree = await listSubtree(handle.db, root[0]!.id);
    expect(subtree.map((u) => u.code)).toEqual(['QN', 'QN.BTGDV', 'QN.DTL', 'QN.DTL.HKL', 'QN.DTL.KONLUNG']);
    expect(subtree.find((u) => u.code === 'QN.DTL.HKL')).toMatchObject({ name: 'Chi bộ Hạt Kiểm lâm', kind: 'chi_bo', depth: 2 });

    const secretaries = await handle.db
      .select({ name: t.people.fullName, phone: t.people.phone, unit: t.orgUnits.code, title: t.unitRoles.title })
      .from(t.unitRoles)
      .innerJoin(t.people, eq(t.people.id, t.unitRoles.personId))
      .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.unitRoles.unitId))
      .where(eq(t.unitRoles.role, 'secretary'))
      .orderBy(asc(t.people.fullName));
    expect(secretaries).toEqual([
      { name: 'A Thút', phone: '0905123456', unit: 'QN.DTL.KONLUNG', title: 'Bí thư Chi bộ' },
      { name: 'Nguyễn Văn Hải', phone: '0912345678', unit: 'QN.DTL.HKL', title: 'Bí thư Chi bộ' },
    ]);
    const teak = await handle.db.select().from(t.models).where(eq(t.models.title, 'Khảo nghiệm trồng cây Teak trên đất nương rẫy cũ'));
    expect(teak[0]).toMatchObject({ field: 'kinh_te', status: 'completed', startedOn: '2021-09-01' });
  });

  it('loads the sample workbook, one sheet per kind, with the same result as the CSV files', async () => {
    const sheets = await readTabularFile('to-chuc-mau.xlsx', await readFile('samples/to-chuc-mau.xlsx'));
    const summary = await importOrganisation(handle.db, sheets, { fileName: 'to-chuc-mau.xlsx', now, timeZone });
    expect(summary).toMatchObject({ units: 5, people: 5, roles: 5, models: 4, duplicates: [], changed: true });
    expect(summary.changes.filter((c) => c.kind === 'added').length).toBe(5 + 5 + 4);
    expect(await unitCodes()).toEqual(['QN', 'QN.BTGDV', 'QN.DTL', 'QN.DTL.HKL', 'QN.DTL.KONLUNG']);
  });

  it('importing the same files again adds nothing', async () => {
    await importSamples();
    const count = async () => ({
      units: (await handle.db.select().from(t.orgUnits)).length,
      people: (await handle.db.select().from(t.people)).length,
      roles: (await handle.db.select().from(t.unitRoles)).length,
      models: (await handle.db.select().from(t.models)).length,
    });
    const before = await count();
    const again = await importSamples();
    expect(await count()).toEqual(before);
    expect(again.map((s) => s.changed)).toEqual([false, false, false]);
  });

  it('says a file changed something when one value differs from what is stored', async () => {
    await importSamples();
    const [units] = await importSamples();
    expect(units!.changed).toBe(false);
    const renamed = (await readFile('samples/don-vi.csv', 'utf8')).replace('Chi bộ Hạt Kiểm lâm', 'Chi bộ Hạt Kiểm lâm huyện');
    expect((await importText('don-vi.csv', renamed)).changed).toBe(true);
  });

  it('skips a row repeated cell for cell, and counts it', async () => {
    const summary = await importText('don-vi.csv', 'Mã đơn vị,Tên đơn vị,Loại\nZ,Tỉnh Z,tỉnh\nZ,Tỉnh Z,tỉnh\nY,Tỉnh Y,tỉnh\nZ,Tỉnh Z,tỉnh,\n');
    expect(summary).toMatchObject({ units: 2, duplicates: [{ row: 3, firstRow: 2 }, { row: 5, firstRow: 2 }] });
  });

  it('tells to import the units first when people name units that neither the file nor the database has', async () => {
    const error = await importText('nhan-su.csv', 'Họ tên,Số điện thoại,Mã đơn vị,Vai trò\nA Thút,0905123456,QN.DTL.KONLUNG,bí thư\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues[0]).toMatchObject({ row: 2, column: 'Mã đơn vị' });
    expect(issues.at(-1)!.message).toContain('Nhập danh sách đơn vị trước');
  });

  it('ends a role on the day the «Ngày thôi giữ vai trò» column gives, keeps it ended on a second import, and refuses a day to come', async () => {
    await importText('don-vi.csv', 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nT,Tỉnh,tỉnh,\nT.C,Chi bộ C,chi bộ,T\n');
    const people = 'Họ tên,Số điện thoại,Mã đơn vị,Vai trò,Ngày thôi giữ vai trò\nLò Văn Cũ,0905123456,T.C,bí thư,30/11/2026\nLò Thị Mới,0905123457,T.C,bí thư,\n';
    await importText('nhan-su.csv', people);
    const roles = async () =>
      (await handle.db.select({ name: t.people.fullName, endedAt: t.unitRoles.endedAt }).from(t.unitRoles).innerJoin(t.people, eq(t.people.id, t.unitRoles.personId)).orderBy(asc(t.people.fullName)))
        .map((r) => [r.name, r.endedAt?.toISOString() ?? null]);
    const expected = [['Lò Thị Mới', null], ['Lò Văn Cũ', '2026-11-29T17:00:00.000Z']];
    expect(await roles()).toEqual(expected);
    expect(await importText('nhan-su.csv', people)).toMatchObject({ changed: false });
    expect(await roles()).toEqual(expected);

    const error = await importText('nhan-su.csv', people.replace('30/11/2026', '04/12/2026')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ row: 2, column: 'Ngày thôi giữ vai trò', message: expect.stringContaining('04/12/2026 chưa tới') })]);
  });

  it('reads semicolon-separated CSV with a BOM, as Excel saves it on Vietnamese Windows', async () => {
    await importText('don-vi.csv', '\ufeffMa don vi;Ten don vi;Loai;Ma don vi cap tren\r\nLC;Đảng bộ tỉnh Lai Châu;Tỉnh;\r\nLC.KL;Đảng ủy xã Ka Lăng;Xã;LC\r\n');
    expect(await unitCodes()).toEqual(['LC', 'LC.KL']);
  });

  it('moves a unit and its subtree when a later file gives it a new parent', async () => {
    await importText('a.csv', 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nT,Tỉnh,tỉnh,\nT.H,Huyện,huyện,T\nT.H.X,Xã,xã,T.H\nT.H.X.C,Chi bộ,chi bộ,T.H.X\n');
    await importText('b.csv', 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nT.H.X,Xã,xã,T\n');
    const [tinh] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'T'));
    const [chiBo] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'T.H.X.C'));
    expect(chiBo?.depth).toBe(2);
    expect(chiBo?.path.startsWith(tinh!.path)).toBe(true);
  });

  it('refuses a bad file, names every bad row and column, and writes nothing', async () => {
    const error = await failure(
      importText(
        'bad.csv',
        'Mã đơn vị;Tên đơn vị;Loại;Mã đơn vị cấp trên\nX1;Một;chi bộ;NOPE\nX1;Hai;lạ;\n;Ba;xã;X1\nX2;Bốn;xã;X1\n',
      ),
    );
    expect(error.issues.map((i) => `${i.row}|${i.column}`)).toEqual([
      '2|Mã đơn vị cấp trên',
      '3|Loại',
      '3|Mã đơn vị',
      '4|Mã đơn vị',
    ]);
    expect(error.issues[0]?.message).toContain('NOPE');
    expect(error.issues[2]?.message).toContain('dòng 2');
    expect(await unitCodes()).toEqual([]);
  });

  it('refuses a cycle between the file and the stored tree', async () => {
    await importText('a.csv', 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nA,A,tỉnh,\nA.B,B,xã,A\n');
    const error = await failure(importText('b.csv', 'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nA,A,tỉnh,A.B\n'));
    expect(error.issues[0]?.message).toMatch(/vòng lặp.*A.*A\.B.*A/);
    const [a] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'A'));
    expect(a?.parentId).toBeNull();
  });

  it('refuses people and models of a unit that exists nowhere, and keeps the valid rows out too', async () => {
    await importSamples();
    const models = (await handle.db.select().from(t.models)).length;
    const error = await failure(
      importText('mo-hinh.csv', 'Mã đơn vị,Tên mô hình\nQN.DTL,Mô hình mới hợp lệ\nKHONGCO,Mô hình lạc\n'),
    );
    expect(error.issues).toEqual([expect.objectContaining({ row: 3, column: 'Mã đơn vị' })]);
    expect((await handle.db.select().from(t.models)).length).toBe(models);
  });

  it('refuses a file that is not UTF-8 with advice on how to save it', async () => {
    const windows1258 = Uint8Array.from([0x4d, 0xe3, 0x20, 0xf0, 0xea, 0x6e, 0x0a]); // "Mã đơn" in a legacy code page
    const error = await failure(readTabularFile('don-vi.csv', windows1258));
    expect(error.message).toContain('UTF-8');
  });

  it('refuses a workbook that is not a workbook and a file type it cannot read', async () => {
    expect((await failure(readTabularFile('x.xlsx', encode('not a zip')))).message).toContain('.xlsx');
    expect((await failure(readTabularFile('x.pdf', encode('%PDF')))).message).toContain('.csv');
  });

  it('reads Excel cells as Excel gives them: numbers for phones, real dates, rich text', async () => {
    await importSamples();
    const workbook = new ExcelJS.Workbook();
    const people = workbook.addWorksheet('Nhân sự');
    people.addRow(['Họ tên', 'Số điện thoại', 'Mã đơn vị', 'Vai trò']);
    people.addRow([{ richText: [{ text: 'Đinh ' }, { text: 'Văn Lợi' }] }, 981234567, 'QN.DTL.HKL', 'Phó bí thư']);
    const models = workbook.addWorksheet('Mô hình');
    models.addRow(['Mã đơn vị', 'Tên mô hình', 'Ngày bắt đầu']);
    models.addRow(['QN.DTL.HKL', 'Vườn ươm cây giống', new Date(Date.UTC(2024, 2, 15))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await importOrganisation(handle.db, await readTabularFile('x.xlsx', bytes), { fileName: 'x.xlsx', now, timeZone });
    const [person] = await handle.db.select().from(t.people).where(eq(t.people.phone, '0981234567'));
    expect(person?.fullName).toBe('Đinh Văn Lợi');
    const [model] = await handle.db.select().from(t.models).where(eq(t.models.title, 'Vườn ươm cây giống'));
    expect(model?.startedOn).toBe('2024-03-15');
  });

  it('a dry run reports what would be imported and writes nothing', async () => {
    const summary = await importText('don-vi.csv', 'Mã đơn vị,Tên đơn vị,Loại\nZ,Tỉnh Z,tỉnh\n', true);
    expect(summary.units).toBe(1);
    expect(await unitCodes()).toEqual([]);
  });
});
