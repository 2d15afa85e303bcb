import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../src/core/errors.js';
import { formatCount } from '../../src/core/format.js';
import { exportToBytes, exportToFile, resolveExportScope, type ExportParams } from '../../src/services/export.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { assignRole, createPerson } from '../../src/storage/queries/people.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';
import { readDocx, readWorkbook, sheetRows } from '../helpers/read-files.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-25T03:00:00Z');
let handle: DatabaseHandle;

beforeEach(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now: new Date('2026-11-21T03:00:00Z'), timeZone });
});
afterEach(async () => {
  await handle.close();
});

async function personByPhone(phone: string): Promise<number> {
  const [row] = await handle.db.select().from(t.people).where(eq(t.people.phone, phone));
  return row!.id;
}

async function exportAs(phone: string | number, unitCode: string | null, p: Pick<ExportParams, 'from' | 'to' | 'format'> & Pick<Partial<ExportParams>, 'csvSheet' | 'csvLocale'>) {
  const personId = typeof phone === 'number' ? phone : await personByPhone(phone);
  return handle.db.transaction(async (tx) => {
    const scope = await resolveExportScope(tx, { personId, unitCode });
    return exportToBytes(tx, { ...scope, ...p }, { now, timeZone });
  });
}

/** What the stored answers say for units whose code starts with `prefix` (demo codes follow the tree). */
async function stored(prefix: string, from: string, to: string) {
  const [row] = await queryRows<{ answers: number; participants: number; activities: number }>(
    handle.db,
    sql`select count(*)::int as answers, coalesce(sum(a.participants), 0)::int as participants, coalesce(sum(a.activities), 0)::int as activities
          from model_answers a join reports r on r.id = a.report_id join periods p on p.id = r.period_id join org_units u on u.id = r.unit_id
         where r.status = 'submitted' and p.starts_on between ${from}::date and ${to}::date and (u.code = ${prefix} or u.code like ${`${prefix}.%`})`,
  );
  return row!;
}

const LEADER_KONRAY = '0914330104'; // Lê Quang Vinh, leader of Huyện ủy Kon Rẫy
const LEADER_DTL = '0868120208'; // Đinh Văn Tú, leader of Đảng ủy xã Đăk Tơ Lung
const SECRETARY_KONLUNG = '0976230309'; // A Pươi, secretary of Chi bộ thôn Kon Lung

describe('XLSX export', () => {
  it('has the Vietnamese sheets with frozen headers and figures that match the stored answers, and nothing outside the subtree', async () => {
    const file = await exportAs(LEADER_DTL, null, { from: '2026-06-01', to: '2026-11-01', format: 'xlsx' });
    expect(file.fileName).toBe('so-lieu_KT.KONRAY.DTL_2026-06_2026-11.xlsx');
    const workbook = await readWorkbook(file.bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Đơn vị', 'Mô hình', 'Khó khăn, đề xuất', 'Người tốt, việc tốt']);
    for (const sheet of workbook.worksheets) expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const models = sheetRows(workbook, 'Mô hình');
    expect(models[0]).toEqual(['Tháng', 'Mã đơn vị', 'Tên đơn vị', 'Tên mô hình', 'Lĩnh vực', 'Số hoạt động', 'Lượt người tham gia', 'Tiến độ', 'Kết quả nổi bật', 'Khó khăn, vướng mắc']);
    const expected = await stored('KT.KONRAY.DTL', '2026-06-01', '2026-11-01');
    expect(models).toHaveLength(expected.answers + 1);
    expect(models.slice(1).reduce((n, r) => n + Number(r[6] ?? 0), 0)).toBe(expected.participants);
    expect(models.slice(1).every((r) => String(r[1]).startsWith('KT.KONRAY.DTL'))).toBe(true);
    expect(models.some((r) => r[3] === 'Tổ hợp tác trồng nếp cẩm và sản xuất rượu ghè làng Kon Lung')).toBe(true);
    expect(workbook.getWorksheet('Mô hình')!.getColumn(7).numFmt).toBe('#,##0');

    // The summary's total row says the same as the model rows.
    const summary = sheetRows(workbook, 'Tổng hợp');
    const total = summary.at(-1)!;
    expect(total[0]).toBe('Cộng');
    expect(total[12]).toBe(expected.participants);
    expect(total[11]).toBe(expected.activities);

    const units = sheetRows(workbook, 'Đơn vị');
    expect(units.slice(1).map((r) => r[4])).toEqual(expect.arrayContaining(['Đã gửi đúng hạn']));
    expect(units.slice(1).some((r) => String(r[1]).startsWith('KT.KONRAY.DR'))).toBe(false);
  });

  it('keeps the layout a reader needs: bold header, autofilter, widths and number formats on every cell, Vietnamese text, wall-clock times', async () => {
    const file = await exportAs(LEADER_DTL, null, { from: '2026-06-01', to: '2026-11-01', format: 'xlsx' });
    const workbook = await readWorkbook(file.bytes);
    const models = workbook.getWorksheet('Mô hình')!;
    expect(models.getCell('A1').font?.bold).toBe(true);
    expect(models.autoFilter).toBe(`A1:J${models.rowCount}`);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => models.getColumn(i).width)).toEqual([10, 22, 36, 50, 16, 11, 13, 15, 50, 50]);
    const kon = models.getRows(2, models.rowCount - 1)!.find((r) => r.getCell(4).value === 'Tổ hợp tác trồng nếp cẩm và sản xuất rượu ghè làng Kon Lung')!;
    expect(kon.getCell(3).value).toBe('Đảng ủy xã Đăk Tơ Lung');
    expect(kon.getCell(6).numFmt).toBe('#,##0');
    expect(kon.getCell(7).numFmt).toBe('#,##0');

    // The submission time is the wall clock in Hà Nội, shown to the minute.
    const [sent] = await queryRows<{ code: string; month: string; submitted_at: Date }>(
      handle.db,
      sql`select u.code, to_char(p.starts_on, 'MM/YYYY') as month, r.submitted_at from reports r join org_units u on u.id = r.unit_id join periods p on p.id = r.period_id
           where r.status = 'submitted' and u.code = 'KT.KONRAY.DTL.KONLUNG' and p.starts_on = '2026-10-01'`,
    );
    const units = workbook.getWorksheet('Đơn vị')!;
    const row = units.getRows(2, units.rowCount - 1)!.find((r) => r.getCell(1).value === sent!.month && r.getCell(2).value === sent!.code)!;
    const wall = new Date(new Date(sent!.submitted_at).getTime() + 7 * 3600_000);
    wall.setUTCSeconds(0, 0);
    expect(row.getCell(6).value).toEqual(wall);
    expect(row.getCell(6).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(row.getCell(11).numFmt).toBe('0.0%');
    expect(units.getColumn(3).width).toBe(40);
  });

  it('says there is nothing for an empty period and is still a valid workbook', async () => {
    const file = await exportAs(LEADER_KONRAY, null, { from: '2025-01-01', to: '2025-02-01', format: 'xlsx' });
    const workbook = await readWorkbook(file.bytes);
    const models = sheetRows(workbook, 'Mô hình');
    expect(models).toHaveLength(2);
    expect(models[1]![0]).toBe('Không có số liệu từ tháng 01/2025 đến tháng 02/2025.');
  });
});

describe('export to a file', () => {
  it('fails, and leaves nothing, when the file cannot be written', async () => {
    const path = join(tmpdir(), `no-such-folder-${process.pid}`, 'so-lieu.xlsx');
    for (const format of ['xlsx', 'csv'] as const) {
      await expect(exportToFile(handle.db, { unitCode: 'KT.KONRAY.DTL', from: '2026-06-01', to: '2026-11-01', format, path }, { now, timeZone })).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(existsSync(path)).toBe(false);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM, the models sheet by default, Vietnamese intact', async () => {
    const file = await exportAs(SECRETARY_KONLUNG, null, { from: '2026-06-01', to: '2026-11-01', format: 'csv' });
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.toString('utf8').slice(1).trim().split('\r\n');
    // Excel under Vietnamese settings reads «;» between fields by default.
    expect(lines[0]).toBe('Tháng;Mã đơn vị;Tên đơn vị;Tên mô hình;Lĩnh vực;Số hoạt động;Lượt người tham gia;Tiến độ;Kết quả nổi bật;Khó khăn, vướng mắc');
    expect(lines.length - 1).toBe((await stored('KT.KONRAY.DTL.KONLUNG', '2026-06-01', '2026-11-01')).answers);
    expect(lines.slice(1).every((l) => l.includes('KT.KONRAY.DTL.KONLUNG;Chi bộ thôn Kon Lung'))).toBe(true);
  });

  it('writes rates with a decimal comma and «;» by default, and with a point and «,» for intl', async () => {
    const vi = (await exportAs(LEADER_DTL, null, { from: '2026-06-01', to: '2026-11-01', format: 'csv', csvSheet: 'tong-hop' })).bytes.toString('utf8');
    const intl = (await exportAs(LEADER_DTL, null, { from: '2026-06-01', to: '2026-11-01', format: 'csv', csvSheet: 'tong-hop', csvLocale: 'intl' })).bytes.toString('utf8');
    expect(vi).toMatch(/;0,\d+/);
    expect(vi).not.toMatch(/\d\.\d/);
    expect(intl).toMatch(/,0\.\d+/);
    const [viHeader, intlHeader] = [vi, intl].map((text) => text.slice(1).split('\r\n')[0]!);
    expect(viHeader!.split(';')).toEqual(intlHeader!.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((h) => h.replace(/^"|"$/g, '')));
  });

  it('writes the units sheet when asked, and a note for an empty period', async () => {
    const units = await exportAs(LEADER_DTL, null, { from: '2026-11-01', to: '2026-11-01', format: 'csv', csvSheet: 'don-vi' });
    expect(units.bytes.toString('utf8')).toContain('Tình trạng');
    const empty = await exportAs(LEADER_DTL, null, { from: '2024-01-01', to: '2024-01-01', format: 'csv' });
    expect(empty.bytes.toString('utf8')).toContain('Không có số liệu từ tháng 01/2024 đến tháng 01/2024.');
  });
});

describe('DOCX draft review report', () => {
  it('follows the party document format and carries the stored figures, difficulties and proposals', async () => {
    const file = await exportAs(LEADER_DTL, null, { from: '2026-06-01', to: '2026-11-01', format: 'docx' });
    const { xml, paragraphs, text } = await readDocx(file.bytes);
    expect(xml).toContain('w:w="11906"');
    expect(xml).toContain('Times New Roman');
    const party = paragraphs.findIndex((p) => p === 'ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(party).toBeGreaterThan(0);
    expect(xml).toMatch(/<w:u [^>]*\/>(?:(?!<\/w:r>).)*ĐẢNG CỘNG SẢN VIỆT NAM/s);
    // Hướng dẫn 36-HD/VPTW: the party organisation above, then the committee that issues.
    expect(paragraphs).toContain('ĐẢNG BỘ HUYỆN KON RẪY');
    expect(paragraphs).toContain('ĐẢNG ỦY XÃ ĐĂK TƠ LUNG');
    expect(paragraphs).toContain('Số       -BC/ĐU');
    // Room to sign under the title, then the name to fill in; the appendix on a page of its own.
    const room = xml.slice(xml.indexOf('>BÍ THƯ<'), xml.indexOf('[Họ và tên]'));
    expect(room.match(/<w:p[ >]/g)?.length).toBeGreaterThanOrEqual(5);
    expect(room.replace(/<[^>]+>/g, '').replace('>BÍ THƯ', '').trim()).toBe('');
    expect(xml).toMatch(/<w:pageBreakBefore\/>(?:(?!<\/w:p>).)*PHỤ LỤC/s);
    // STT is wide enough not to wrap (11 pt bold in a 720-twip cell), and the table fits the page.
    expect(xml).toMatch(/<w:gridCol w:w="720"\/>/);
    expect(paragraphs).toContain('Đăk Tơ Lung, ngày 25 tháng 11 năm 2026');
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*Đăk Tơ Lung, ngày 25/s);
    for (const heading of ['I. KẾT QUẢ ĐẠT ĐƯỢC', 'II. HẠN CHẾ, NGUYÊN NHÂN', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', 'IV. ĐỀ XUẤT, KIẾN NGHỊ']) {
      expect(paragraphs).toContain(heading);
    }
    const expected = await stored('KT.KONRAY.DTL', '2026-06-01', '2026-11-01');
    expect(text).toContain(`với ${formatCount(expected.participants)} lượt người tham gia`);

    const [proposal] = await queryRows<{ proposals: string }>(
      handle.db,
      sql`select r.proposals from reports r join org_units u on u.id = r.unit_id join periods p on p.id = r.period_id
           where u.code like 'KT.KONRAY.DTL%' and r.proposals is not null and p.starts_on >= '2026-06-01' limit 1`,
    );
    const section4 = text.slice(text.indexOf('IV. ĐỀ XUẤT, KIẾN NGHỊ'));
    expect(section4).toContain(proposal!.proposals);
    expect(text).toContain('PHỤ LỤC');
    expect(text).toContain('Tổ hợp tác trồng nếp cẩm và sản xuất rượu ghè làng Kon Lung');
    expect(text).not.toContain('Đăk Ruồng');
  });

  it('is issued by the Tỉnh ủy for a province, numbered -BC/TU, with no line above it', async () => {
    const { paragraphs } = await readDocx((await exportAs('0905112001', null, { from: '2026-06-01', to: '2026-11-01', format: 'docx' })).bytes);
    const party = paragraphs.indexOf('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(paragraphs.slice(0, party)).toEqual(['TỈNH ỦY KON TUM', '*', 'Số       -BC/TU']);
    expect(paragraphs).toContain('T/M BAN THƯỜNG VỤ');
  });

  it('names the person of a good deed beside the unit', async () => {
    const [deed] = await queryRows<{ person_name: string; description: string; unit: string }>(
      handle.db,
      sql`select g.person_name, g.description, u.name as unit from good_deeds g join reports r on r.id = g.report_id
            join org_units u on u.id = r.unit_id join periods p on p.id = r.period_id
           where u.code like 'KT.%' and g.person_name is not null and p.starts_on between '2026-06-01' and '2026-11-01'
           order by p.starts_on desc, u.code limit 1`,
    );
    const { text } = await readDocx((await exportAs('0905112001', null, { from: '2026-06-01', to: '2026-11-01', format: 'docx' })).bytes);
    // The person as reported (not always a party member: no «đồng chí» added), then their unit.
    expect(text).toContain(`${deed!.person_name} (${deed!.unit}): ${deed!.description}`);
    expect(text).not.toContain(`Đồng chí ${deed!.person_name}`);
  });

  it('says there is nothing for an empty period', async () => {
    const { text } = await readDocx((await exportAs(LEADER_DTL, null, { from: '2024-01-01', to: '2024-06-01', format: 'docx' })).bytes);
    expect(text).toContain('Không có số liệu từ tháng 01/2024 đến tháng 06/2024.');
  });
});

describe('who may export what', () => {
  it('gives a leader any unit of their subtree but nothing outside it', async () => {
    const inside = await exportAs(LEADER_KONRAY, 'KT.KONRAY.DTL.KONLUNG', { from: '2026-10-01', to: '2026-10-01', format: 'csv' });
    expect(inside.bytes.toString('utf8')).toContain('Chi bộ thôn Kon Lung');
    await expect(exportAs(LEADER_DTL, 'KT.KONRAY.DR', { from: '2026-10-01', to: '2026-10-01', format: 'xlsx' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportAs(LEADER_DTL, 'KT', { from: '2026-10-01', to: '2026-10-01', format: 'xlsx' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('gives a secretary their own unit only', async () => {
    await expect(exportAs(SECRETARY_KONLUNG, 'KT.KONRAY.DTL', { from: '2026-10-01', to: '2026-10-01', format: 'xlsx' })).rejects.toBeInstanceOf(ForbiddenError);
    // The secretary of the commune committee gets the committee's own report, not its chi bộ.
    const commune = await exportAs('0905551206', null, { from: '2026-06-01', to: '2026-11-01', format: 'xlsx' });
    const units = sheetRows(await readWorkbook(commune.bytes), 'Đơn vị').slice(1);
    expect(new Set(units.map((r) => r[1]))).toEqual(new Set(['KT.KONRAY.DTL']));
  });

  it('gives an admin any unit of their organisation, the whole organisation by default, and nothing of another', async () => {
    const admin = await createPerson(handle.db, 'Quản trị viên');
    const [unit] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.DTL'));
    await assignRole(handle.db, { personId: admin.id, unitId: unit!.id, role: 'admin', title: null });
    const whole = await exportAs(admin.id, null, { from: '2026-10-01', to: '2026-10-01', format: 'csv' });
    expect(whole.bytes.toString('utf8')).toContain('Chi bộ thôn Kon Lung');
    const [other] = await handle.db.select().from(t.orgUnits).where(sql`${t.orgUnits.path} not like ${`/${unit!.path.split('/')[1]}/%`}`).limit(1);
    await expect(exportAs(admin.id, other!.code, { from: '2026-10-01', to: '2026-10-01', format: 'xlsx' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses someone with no role', async () => {
    const stranger = await createPerson(handle.db, 'Người lạ');
    await expect(exportAs(stranger.id, 'KT.KONRAY.DTL', { from: '2026-10-01', to: '2026-10-01', format: 'xlsx' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('what the figures include (issue 19)', () => {
  it('say how many of the sent reports are approved and how many are not, in the XLSX and the DOCX', async () => {
    const { reviewReport } = await import('../../src/services/report-review.js');
    const [report] = await queryRows<{ id: number; version: number }>(
      handle.db,
      sql`select r.id, r.version from reports r join org_units u on u.id = r.unit_id join periods p on p.id = r.period_id
           where u.code = 'KT.KONRAY.DTL.KONLUNG' and p.starts_on = '2026-10-01'`,
    );
    const personId = await personByPhone(LEADER_DTL);
    await handle.db.transaction((tx) => reviewReport(tx, { personId, reportId: report!.id, command: { kind: 'approve', version: report!.version }, via: 'web', now }));

    const workbook = await readWorkbook((await exportAs(LEADER_DTL, null, { from: '2026-10-01', to: '2026-10-01', format: 'xlsx' })).bytes);
    const summary = sheetRows(workbook, 'Tổng hợp');
    expect(summary[0]!.slice(-2)).toEqual(['Đã duyệt (đạt)', 'Chưa được duyệt']);
    const october = summary.find((r) => r[0] === '10/2026')!;
    const sent = october[2] as number;
    expect(october.slice(-2)).toEqual([1, sent - 1]);
    const units = sheetRows(workbook, 'Đơn vị');
    // The last fixed column; the columns of the question set's own questions come after it (issue 18).
    const state = units[0]!.indexOf('Duyệt');
    expect(units[0]!.slice(state + 1)).toEqual(['Chủ đề chuyên đề', 'Dự chuyên đề / được mời']);
    expect(units.find((r) => r[1] === 'KT.KONRAY.DTL.KONLUNG')![state]).toBe('Đạt');
    expect(units.filter((r) => r[state] === 'Chờ duyệt')).toHaveLength(sent - 1);

    const { text } = await readDocx((await exportAs(LEADER_DTL, null, { from: '2026-10-01', to: '2026-10-01', format: 'docx' })).bytes);
    expect(text).toContain(`Số liệu trên tính theo ${sent} lượt báo cáo đã gửi, gồm cả báo cáo chưa được cấp trên duyệt: 1 đã duyệt (đạt), ${sent - 1} chờ duyệt, 0 trả lại để sửa.`);
  });
});
