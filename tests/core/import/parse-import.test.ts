import { describe, it, expect } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../../src/core/errors.js';
import {
  normalizePhone,
  parseDateCell,
  parseImport,
  readImport,
  type Cell,
  type ImportPlan,
  type TabularSheet,
} from '../../../src/core/import/parse-import.js';
import { vi as messages } from '../../../src/core/messages/vi.js';

// ---------------------------------------------------------------- helpers

const UNIT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'];
const PEOPLE_HEADER = ['Họ tên', 'Số điện thoại', 'Mã đơn vị', 'Vai trò', 'Chức vụ'];
const MODEL_HEADER = ['Mã đơn vị', 'Tên mô hình', 'Lĩnh vực', 'Ngày bắt đầu', 'Trạng thái', 'Mô tả'];

function sheet(name: string | null, header: readonly Cell[], ...rows: (readonly Cell[])[]): TabularSheet {
  return { name, rows: [header, ...rows] };
}

/** The issues parseImport reports; fails the test if it does not throw a ValidationError. */
function issuesOf(sheets: readonly TabularSheet[]): readonly ValidationIssue[] {
  try {
    parseImport(sheets);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected parseImport to reject the file');
}

/** One issue line as the administrator reads it: "trang "…", dòng 4, cột "…": message". */
function said(issue: ValidationIssue): string {
  const where = messages.import.where(issue);
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

function onlyIssue(sheets: readonly TabularSheet[]): ValidationIssue {
  const issues = issuesOf(sheets);
  expect(issues.map(said)).toHaveLength(1);
  return issues[0]!;
}

const minimalUnits = (rows: (readonly Cell[])[]) => sheet('Đơn vị', UNIT_HEADER, ...rows);
const minimalPeople = (rows: (readonly Cell[])[]) => sheet('Nhân sự', PEOPLE_HEADER, ...rows);
const minimalModels = (rows: (readonly Cell[])[]) => sheet('Mô hình', MODEL_HEADER, ...rows);

// ---------------------------------------------------------------- headers and sheet kinds

describe('parseImport: headers', () => {
  it('reads a units sheet with Vietnamese headers, keeping spreadsheet row numbers and the sheet name', () => {
    const plan = parseImport([
      minimalUnits([
        ['KT', 'Đảng bộ tỉnh Kon Tum', 'tỉnh', ''],
        ['KT.KONRAY', 'Đảng bộ xã Kon Rẫy', 'xã', 'KT'],
        ['KT.KONRAY.HKL', '  Chi bộ  thôn Kon Rẫy ', 'chi bộ', 'KT.KONRAY'],
      ]),
    ]);
    expect(plan.units).toEqual([
      { row: 2, sheet: 'Đơn vị', code: 'KT', name: 'Đảng bộ tỉnh Kon Tum', kind: 'tinh', parentCode: null },
      { row: 3, sheet: 'Đơn vị', code: 'KT.KONRAY', name: 'Đảng bộ xã Kon Rẫy', kind: 'xa', parentCode: 'KT' },
      { row: 4, sheet: 'Đơn vị', code: 'KT.KONRAY.HKL', name: 'Chi bộ thôn Kon Rẫy', kind: 'chi_bo', parentCode: 'KT.KONRAY' },
    ]);
    expect(plan.people).toEqual([]);
    expect(plan.models).toEqual([]);
  });

  const headerVariants: Record<string, readonly string[]> = {
    'with diacritics': ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'],
    'without diacritics': ['Ma don vi', 'Ten don vi', 'Loai', 'Ma don vi cap tren'],
    snake_case: ['ma_don_vi', 'ten_don_vi', 'loai', 'ma_don_vi_cap_tren'],
    'upper case': ['MÃ ĐƠN VỊ', 'TÊN ĐƠN VỊ', 'LOẠI', 'MÃ ĐƠN VỊ CẤP TRÊN'],
    'upper case without diacritics': ['MA DON VI', 'TEN DON VI', 'LOAI', 'MA DON VI CAP TREN'],
    'short aliases': ['Mã', 'Tên', 'Cấp', 'Cấp trên'],
    english: ['code', 'name', 'kind', 'parent_code'],
  };
  for (const [variant, header] of Object.entries(headerVariants)) {
    it(`recognises units headers ${variant} in a CSV (no sheet name)`, () => {
      const plan = parseImport([sheet(null, header, ['KT', 'Đảng bộ tỉnh', 'tỉnh', ''], ['KT.X1', 'Chi bộ 1', 'chi bộ', 'KT'])]);
      expect(plan.units).toEqual([
        { row: 2, code: 'KT', name: 'Đảng bộ tỉnh', kind: 'tinh', parentCode: null },
        { row: 3, code: 'KT.X1', name: 'Chi bộ 1', kind: 'chi_bo', parentCode: 'KT' },
      ]);
      expect(plan.units[0]).not.toHaveProperty('sheet');
    });
  }

  it('finds columns in any order and ignores extra columns', () => {
    const plan = parseImport([
      sheet(null, ['Ghi chú', 'Mã đơn vị cấp trên', 'Loại', 'STT', 'Tên đơn vị', 'Mã đơn vị'], ['x', 'KT', 'Chi bộ', 1, 'Chi bộ 1', 'KT.X1']),
    ]);
    expect(plan.units).toEqual([{ row: 2, code: 'KT.X1', name: 'Chi bộ 1', kind: 'chi_bo', parentCode: 'KT' }]);
  });

  it('reads a unit code written as a number', () => {
    const plan = parseImport([sheet(null, UNIT_HEADER, [101, 'Chi bộ 101', 'chi bộ', null])]);
    expect(plan.units[0]).toMatchObject({ code: '101', parentCode: null });
  });

  it('leaves the parent empty when the optional parent column is absent', () => {
    const plan = parseImport([sheet(null, ['Mã đơn vị', 'Tên đơn vị', 'Loại'], ['KT', 'Tỉnh ủy', 'tỉnh'])]);
    expect(plan.units).toEqual([{ row: 2, code: 'KT', name: 'Tỉnh ủy', kind: 'tinh', parentCode: null }]);
  });
});

describe('parseImport: sheet kind', () => {
  it('tells units, people and models apart by sheet name in a workbook', () => {
    const plan = parseImport([
      sheet('Đơn vị', UNIT_HEADER, ['CB1', 'Chi bộ 1', 'chi bộ', '']),
      sheet('Nhân sự', PEOPLE_HEADER, ['Nguyễn Văn An', '0912345678', 'CB1', 'bí thư', 'Bí thư chi bộ']),
      sheet('Mô hình', MODEL_HEADER, ['CB1', 'Dân vận khéo', 'kinh tế', '25/11/2026', 'tạm dừng', '']),
    ]);
    expect(plan.units).toEqual([{ row: 2, sheet: 'Đơn vị', code: 'CB1', name: 'Chi bộ 1', kind: 'chi_bo', parentCode: null }]);
    expect(plan.people).toEqual([
      { row: 2, sheet: 'Nhân sự', fullName: 'Nguyễn Văn An', phone: '0912345678', unitCode: 'CB1', role: 'secretary', title: 'Bí thư chi bộ', endedOn: null },
    ]);
    expect(plan.models).toEqual([
      {
        row: 2,
        sheet: 'Mô hình',
        unitCode: 'CB1',
        title: 'Dân vận khéo',
        field: 'kinh_te',
        startedOn: '2026-11-25',
        status: 'paused',
        description: null,
      },
    ]);
  });

  it('trusts the sheet name over the headers: a "Đơn vị" sheet lacking "Loại" is a units sheet missing a column', () => {
    const issue = onlyIssue([sheet('Đơn vị', ['Mã đơn vị', 'Tên đơn vị'], ['CB1', 'Chi bộ 1'])]);
    expect(issue).toMatchObject({ sheet: 'Đơn vị', row: 1, column: 'Loại' });
    expect(said(issue)).toBe('trang "Đơn vị", dòng 1, cột "Loại": Thiếu cột bắt buộc "Loại" của danh sách đơn vị.');
  });

  it('reads a CSV lacking a required column as the kind whose columns it has most of, and names what that kind misses', () => {
    const units = onlyIssue([sheet(null, ['Mã đơn vị', 'Tên đơn vị', 'Mã đơn vị cấp trên'], ['CB1', 'Chi bộ 1', ''])]);
    expect(said(units)).toBe('dòng 1, cột "Loại": Thiếu cột bắt buộc "Loại" của danh sách đơn vị.');
    const people = onlyIssue([sheet(null, ['Họ tên', 'Số điện thoại', 'Mã đơn vị'], ['A Thút', '0905123456', 'CB1'])]);
    expect(said(people)).toBe('dòng 1, cột "Vai trò": Thiếu cột bắt buộc "Vai trò" của danh sách nhân sự.');
    // "Mã đơn vị" alone is in every kind: nothing to go on.
    expect(said(onlyIssue([sheet(null, ['Mã đơn vị', 'Ghi chú lạ'], ['CB1', 'x'])]))).toContain('Không nhận ra loại dữ liệu');
  });

  it('skips a row repeated cell for cell and lists it, while a repeated code with other values is still an error', () => {
    const { plan, issues, duplicates } = readImport([
      minimalUnits([
        ['CB1', 'Chi bộ 1', 'chi bộ', ''],
        ['CB1', 'Chi bộ 1', 'chi bộ', ''],
        ['CB1', 'Chi bộ 1 (khác)', 'chi bộ', ''],
      ]),
    ]);
    expect(plan.units).toHaveLength(2);
    expect(duplicates).toEqual([{ sheet: 'Đơn vị', row: 3, firstRow: 2 }]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([[4, 'Mã đơn vị']]);
  });

  it('matches sheet names loosely (case, diacritics)', () => {
    const plan = parseImport([
      sheet('DON VI', UNIT_HEADER, ['CB1', 'Chi bộ 1', 'chi bộ', '']),
      sheet('nhân sự', ['Tên', 'Mã đơn vị', 'Vai trò'], ['Trần Thị Bình', 'CB1', 'phó bí thư']),
      sheet('Mo hinh', MODEL_HEADER, ['CB1', 'Ngày Chủ nhật xanh', '', '', '', '']),
    ]);
    expect(plan.units).toHaveLength(1);
    expect(plan.people).toEqual([
      { row: 2, sheet: 'nhân sự', fullName: 'Trần Thị Bình', phone: null, unitCode: 'CB1', role: 'deputy', title: null, endedOn: null },
    ]);
    expect(plan.models).toHaveLength(1);
  });

  it('detects a CSV of people by its headers', () => {
    const plan = parseImport([sheet(null, PEOPLE_HEADER, ['Nguyễn Văn An', '0912 345 678', 'CB1', 'Bí thư', ''])]);
    expect(plan.people).toEqual([{ row: 2, fullName: 'Nguyễn Văn An', phone: '0912345678', unitCode: 'CB1', role: 'secretary', title: null, endedOn: null }]);
    expect(plan.units).toEqual([]);
    expect(plan.models).toEqual([]);
  });

  it('detects a CSV of people with snake_case or English headers', () => {
    const snake = parseImport([sheet(null, ['ho_ten', 'so_dien_thoai', 'ma_don_vi', 'vai_tro', 'chuc_vu'], ['Nguyễn Văn An', '0912345678', 'CB1', 'bí thư', 'Bí thư chi bộ'])]);
    const english = parseImport([sheet(null, ['full_name', 'phone', 'unit_code', 'role', 'title'], ['Nguyễn Văn An', '0912345678', 'CB1', 'secretary', 'Bí thư chi bộ'])]);
    const expected = [{ row: 2, fullName: 'Nguyễn Văn An', phone: '0912345678', unitCode: 'CB1', role: 'secretary', title: 'Bí thư chi bộ', endedOn: null }];
    expect(snake.people).toEqual(expected);
    // The "title" column of people (chức vụ) must not make the file look like a models file.
    expect(english.people).toEqual(expected);
    expect(english.models).toEqual([]);
  });

  it('detects a CSV of models by its headers', () => {
    const plan = parseImport([sheet(null, ['MA DON VI', 'TEN MO HINH'], ['CB1', 'Dân vận khéo'])]);
    expect(plan.models).toEqual([
      { row: 2, unitCode: 'CB1', title: 'Dân vận khéo', field: 'khac', startedOn: null, status: 'active', description: null },
    ]);
  });

  it('refuses a CSV whose headers match no kind, saying which columns it needs', () => {
    const issue = onlyIssue([sheet(null, ['STT', 'Nội dung'], [1, 'abc'])]);
    expect(issue.row).toBe(1);
    expect(issue.message).toContain('"Tên đơn vị"');
    expect(issue.message).toContain('"Họ tên"');
    expect(issue.message).toContain('"Tên mô hình"');
  });

  it('names an unrecognised workbook sheet', () => {
    const issue = onlyIssue([sheet('Hướng dẫn', ['Cách điền'], ['Điền mỗi đơn vị một dòng'])]);
    expect(issue).toMatchObject({ sheet: 'Hướng dẫn', row: 1 });
    expect(issue.message).toContain('(trang "Hướng dẫn")');
  });

  it('ignores sheets that are entirely blank', () => {
    const plan = parseImport([{ name: 'Sheet2', rows: [[null, ''], []] }, minimalUnits([['CB1', 'Chi bộ 1', 'chi bộ', '']])]);
    expect(plan.units).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- choices

describe('parseImport: choice columns', () => {
  it.each([
    ['chi bộ', 'chi_bo'],
    ['Chi Bo', 'chi_bo'],
    ['CHI BỘ CƠ SỞ', 'chi_bo'],
    ['Chi bộ trực thuộc', 'chi_bo'],
    ['chi_bo', 'chi_bo'],
    ['xã', 'xa'],
    ['phường', 'xa'],
    ['Đặc khu', 'xa'],
    ['Đảng ủy xã', 'xa'],
    ['Huyện ủy', 'huyen'],
    ['Tỉnh ủy', 'tinh'],
    ['Đảng bộ cơ sở', 'dang_bo_co_so'],
    ['dang_bo_co_so', 'dang_bo_co_so'],
    ['Cơ quan', 'co_quan'],
    ['khác', 'khac'],
  ])('reads unit kind "%s" as %s', (written, stored) => {
    const plan = parseImport([minimalUnits([['U1', 'Đơn vị 1', written, '']])]);
    expect(plan.units[0]?.kind).toBe(stored);
  });

  it.each([
    ['bí thư', 'secretary'],
    ['Bí thư chi bộ', 'secretary'],
    ['BI THU', 'secretary'],
    ['Phó bí thư', 'deputy'],
    ['lãnh đạo', 'leader'],
    ['Ban Tuyên giáo', 'leader'],
    ['quản trị', 'admin'],
    ['secretary', 'secretary'],
    ['deputy', 'deputy'],
  ])('reads role "%s" as %s', (written, stored) => {
    const plan = parseImport([minimalPeople([['Nguyễn Văn An', '', 'CB1', written, '']])]);
    expect(plan.people[0]?.role).toBe(stored);
  });

  it.each([
    ['kinh tế', 'kinh_te'],
    ['Văn hóa - Xã hội', 'van_hoa_xa_hoi'],
    ['Văn hoá-xã hội', 'van_hoa_xa_hoi'],
    ['VĂN HÓA XÃ HỘI', 'van_hoa_xa_hoi'],
    ['van_hoa_xa_hoi', 'van_hoa_xa_hoi'],
    ['Môi trường', 'moi_truong'],
    ['An ninh - trật tự', 'an_ninh_trat_tu'],
    ['Xây dựng Đảng', 'xay_dung_dang'],
    ['', 'khac'],
  ])('reads model field "%s" as %s', (written, stored) => {
    const plan = parseImport([minimalModels([['CB1', 'Mô hình A', written, '', '', '']])]);
    expect(plan.models[0]?.field).toBe(stored);
  });

  it.each([
    ['tạm dừng', 'paused'],
    ['Đang thực hiện', 'active'],
    ['hoàn thành', 'completed'],
    ['Ngừng', 'discontinued'],
    ['paused', 'paused'],
    ['', 'active'],
  ])('reads model status "%s" as %s', (written, stored) => {
    const plan = parseImport([minimalModels([['CB1', 'Mô hình A', '', '', written, '']])]);
    expect(plan.models[0]?.status).toBe(stored);
  });

  it('names the column, repeats the value and lists the allowed words for a bad unit kind', () => {
    const issue = onlyIssue([minimalUnits([['U1', 'Đơn vị 1', 'tổ đảng', '']])]);
    expect(issue).toMatchObject({ sheet: 'Đơn vị', row: 2, column: 'Loại' });
    expect(said(issue)).toBe(
      'trang "Đơn vị", dòng 2, cột "Loại": "tổ đảng" không hợp lệ ở cột "Loại"; dùng một trong: tỉnh, huyện, xã, phường, đảng bộ cơ sở, chi bộ, cơ quan, khác.',
    );
  });

  it('names the column and lists the allowed words for a bad role', () => {
    const issue = onlyIssue([minimalPeople([['Nguyễn Văn An', '', 'CB1', 'đảng viên', '']])]);
    expect(issue).toMatchObject({ row: 2, column: 'Vai trò' });
    expect(issue.message).toContain('"đảng viên"');
    for (const word of ['bí thư', 'phó bí thư', 'lãnh đạo', 'quản trị']) expect(issue.message).toContain(word);
  });

  it('refuses a bad optional choice (field, status) instead of silently using the default', () => {
    const issues = issuesOf([minimalModels([['CB1', 'Mô hình A', 'thể thao', '', 'sắp làm', '']])]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Lĩnh vực'],
      [2, 'Trạng thái'],
    ]);
    expect(issues[0]!.message).toContain('"thể thao"');
    expect(issues[0]!.message).toContain('văn hóa - xã hội');
    expect(issues[1]!.message).toContain('"sắp làm"');
    expect(issues[1]!.message).toContain('tạm dừng');
  });
});

// ---------------------------------------------------------------- required data

describe('parseImport: missing columns and blank cells', () => {
  it('reports one issue per missing required column, on row 1, and none for the rows below', () => {
    const issues = issuesOf([sheet('Đơn vị', ['Tên đơn vị', 'Mã đơn vị cấp trên'], ['Chi bộ 1', ''], ['Chi bộ 2', ''])]);
    expect(issues).toHaveLength(2);
    expect(issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column }))).toEqual([
      { sheet: 'Đơn vị', row: 1, column: 'Mã đơn vị' },
      { sheet: 'Đơn vị', row: 1, column: 'Loại' },
    ]);
    expect(issues.map(said)).toEqual([
      'trang "Đơn vị", dòng 1, cột "Mã đơn vị": Thiếu cột bắt buộc "Mã đơn vị" của danh sách đơn vị.',
      'trang "Đơn vị", dòng 1, cột "Loại": Thiếu cột bắt buộc "Loại" của danh sách đơn vị.',
    ]);
  });

  it('reports missing people columns by their Vietnamese labels', () => {
    const issues = issuesOf([sheet('Nhân sự', ['Họ tên', 'Số điện thoại'], ['Nguyễn Văn An', '0912345678'])]);
    expect(issues.map((i) => i.column)).toEqual(['Mã đơn vị', 'Vai trò']);
    expect(issues.every((i) => i.row === 1)).toBe(true);
  });

  it('does not require optional columns', () => {
    const plan = parseImport([sheet('Nhân sự', ['Họ tên', 'Mã đơn vị', 'Vai trò'], ['Nguyễn Văn An', 'CB1', 'bí thư'])]);
    expect(plan.people).toEqual([{ row: 2, sheet: 'Nhân sự', fullName: 'Nguyễn Văn An', phone: null, unitCode: 'CB1', role: 'secretary', title: null, endedOn: null }]);
  });

  it('reports every blank required cell of a row, treating white space as blank', () => {
    const issues = issuesOf([minimalUnits([['U1', 'Đơn vị 1', 'xã', ''], ['', '   ', null, 'U1']])]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'Mã đơn vị'],
      [3, 'Tên đơn vị'],
      [3, 'Loại'],
    ]);
    expect(said(issues[1]!)).toBe('trang "Đơn vị", dòng 3, cột "Tên đơn vị": Ô "Tên đơn vị" không được để trống.');
  });

  it('keeps a bad row out of the plan but keeps the good rows (readImport)', () => {
    const { plan, issues } = readImport([minimalUnits([['U1', 'Đơn vị 1', 'xã', ''], ['U2', '', 'xã', 'U1'], ['U3', 'Đơn vị 3', 'chi bộ', 'U1']])]);
    expect(plan.units.map((u) => u.code)).toEqual(['U1', 'U3']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 3, column: 'Tên đơn vị' });
  });

  it('refuses text longer than 500 characters', () => {
    const issue = onlyIssue([minimalUnits([['U1', 'x'.repeat(501), 'xã', '']])]);
    expect(issue).toMatchObject({ row: 2, column: 'Tên đơn vị' });
    expect(issue.message).toBe('Ô "Tên đơn vị" dài quá 500 ký tự.');
    expect(parseImport([minimalUnits([['U1', 'x'.repeat(500), 'xã', '']])]).units).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- codes

describe('parseImport: unit codes', () => {
  it.each(['KT KONRAY', 'Mã1', 'KT/KONRAY', '-KT', '.KT', `A${'b'.repeat(64)}`])('refuses the unit code "%s"', (code) => {
    const issue = onlyIssue([minimalUnits([[code, 'Đơn vị 1', 'xã', '']])]);
    expect(issue).toMatchObject({ sheet: 'Đơn vị', row: 2, column: 'Mã đơn vị' });
    expect(said(issue)).toContain(`dòng 2, cột "Mã đơn vị": Mã đơn vị "${code}" không hợp lệ: chỉ gồm chữ không dấu, số và các ký tự . _ -`);
  });

  it('accepts codes with dots, dashes and underscores up to 64 characters', () => {
    const codes = ['KT.KONRAY.HKL', 'xa_01-a', 'A'.repeat(64), '9'];
    const plan = parseImport([minimalUnits(codes.map((code) => [code, 'Đơn vị', 'xã', '']))]);
    expect(plan.units.map((u) => u.code)).toEqual(codes);
  });

  it('checks the parent code too, in its own column', () => {
    const issue = onlyIssue([minimalUnits([['U1', 'Đơn vị 1', 'xã', 'cấp trên']])]);
    expect(issue).toMatchObject({ row: 2, column: 'Mã đơn vị cấp trên' });
  });

  it('checks the unit code of people and models', () => {
    const issues = issuesOf([minimalPeople([['Nguyễn Văn An', '', 'CB 1', 'bí thư', '']]), minimalModels([['CB 1', 'Mô hình A', '', '', '', '']])]);
    expect(issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ['Mô hình', 2, 'Mã đơn vị'],
      ['Nhân sự', 2, 'Mã đơn vị'],
    ]);
  });

  it('refuses a unit that is its own parent', () => {
    const issue = onlyIssue([minimalUnits([['U1', 'Đơn vị 1', 'xã', 'U1']])]);
    expect(issue).toMatchObject({ row: 2, column: 'Mã đơn vị cấp trên', message: 'Đơn vị không thể là cấp trên của chính nó.' });
  });
});

// ---------------------------------------------------------------- phones and dates

describe('normalizePhone', () => {
  it.each<[Cell, string]>([
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84 912.345.678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['(024) 3825 1234', '02438251234'],
    [912345678, '0912345678'],
    ['912345678', '0912345678'],
    [84912345678, '84912345678'],
  ])('reads %j as %s', (cell, phone) => {
    expect(normalizePhone(cell)).toBe(phone);
  });

  it.each<Cell>(['12ab', '0912 345 67x', '1234567', '+84 12', '', null, '0912345678901234'])('refuses %j', (cell) => {
    expect(normalizePhone(cell)).toBeNull();
  });
});

describe('parseImport: phones', () => {
  it('stores phones in one form, restoring the zero Excel drops from a number cell', () => {
    const plan = parseImport([
      minimalPeople([
        ['Nguyễn Văn An', '0912 345 678', 'CB1', 'bí thư', ''],
        ['Trần Thị Bình', '+84 913.345.678', 'CB2', 'bí thư', ''],
        ['Lê Văn Cường', 914345678, 'CB3', 'bí thư', ''],
        ['Phạm Thị Dung', '', 'CB4', 'bí thư', ''],
      ]),
    ]);
    expect(plan.people.map((p) => p.phone)).toEqual(['0912345678', '0913345678', '0914345678', null]);
  });

  it('refuses a phone that is not a number, quoting what was written', () => {
    const issue = onlyIssue([minimalPeople([['Nguyễn Văn An', '12ab', 'CB1', 'bí thư', '']])]);
    expect(issue).toMatchObject({ sheet: 'Nhân sự', row: 2, column: 'Số điện thoại' });
    expect(said(issue)).toBe(
      'trang "Nhân sự", dòng 2, cột "Số điện thoại": Số điện thoại "12ab" không hợp lệ (8–15 chữ số, ví dụ 0912345678).',
    );
  });
});

describe('parseDateCell', () => {
  it.each<[Cell, string]>([
    ['25/11/2026', '2026-11-25'],
    ['5/3/2026', '2026-03-05'],
    ['25.11.2026', '2026-11-25'],
    ['25-11-2026', '2026-11-25'],
    ['2026-11-25', '2026-11-25'],
    [' 2026-1-5 ', '2026-01-05'],
    [new Date(Date.UTC(2026, 10, 25)), '2026-11-25'],
    [46351, '2026-11-25'],
    [1, '1899-12-31'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %j as %s', (cell, iso) => {
    expect(parseDateCell(cell)).toBe(iso);
  });

  it.each<Cell>(['31/02/2026', '29/02/2026', '00/01/2026', '25/13/2026', '2026/11/25', 'tháng 11', '11/2026', 46351.5, 0, -3, new Date(Number.NaN)])(
    'refuses %j',
    (cell) => {
      expect(parseDateCell(cell)).toBeNull();
    },
  );
});

describe('parseImport: dates', () => {
  it('reads every way a start date arrives from a spreadsheet', () => {
    const plan = parseImport([
      minimalModels([
        ['CB1', 'Mô hình A', '', '25/11/2026', '', ''],
        ['CB1', 'Mô hình B', '', '2026-11-25', '', ''],
        ['CB1', 'Mô hình C', '', new Date(Date.UTC(2026, 10, 25)), '', ''],
        ['CB1', 'Mô hình D', '', 46351, '', ''],
        ['CB1', 'Mô hình E', '', '', '', ''],
      ]),
    ]);
    expect(plan.models.map((m) => m.startedOn)).toEqual(['2026-11-25', '2026-11-25', '2026-11-25', '2026-11-25', null]);
  });

  it('refuses a date that does not exist, quoting it', () => {
    const issue = onlyIssue([minimalModels([['CB1', 'Mô hình A', '', '31/02/2026', '', '']])]);
    expect(issue).toMatchObject({ sheet: 'Mô hình', row: 2, column: 'Ngày bắt đầu' });
    expect(said(issue)).toBe('trang "Mô hình", dòng 2, cột "Ngày bắt đầu": Ngày "31/02/2026" không hợp lệ; ghi theo dạng 25/11/2026.');
  });
});

// ---------------------------------------------------------------- duplicates

describe('parseImport: duplicates', () => {
  it('reports a repeated unit code on the later row, naming the first row', () => {
    const issue = onlyIssue([
      minimalUnits([
        ['KT', 'Tỉnh ủy', 'tỉnh', ''],
        ['CB1', 'Chi bộ 1', 'chi bộ', 'KT'],
        ['CB2', 'Chi bộ 2', 'chi bộ', 'KT'],
        ['CB1', 'Chi bộ 1 (bản sao)', 'chi bộ', 'KT'],
      ]),
    ]);
    expect(issue).toMatchObject({ sheet: 'Đơn vị', row: 5, column: 'Mã đơn vị' });
    expect(said(issue)).toBe('trang "Đơn vị", dòng 5, cột "Mã đơn vị": Mã đơn vị "CB1" bị trùng (đã có ở dòng 3).');
  });

  it('reports each further repeat against the first row', () => {
    const issues = issuesOf([minimalUnits([['CB1', 'A', 'chi bộ', ''], ['CB1', 'B', 'chi bộ', ''], ['CB1', 'C', 'chi bộ', '']])]);
    expect(issues.map((i) => [i.row, i.message])).toEqual([
      [3, 'Mã đơn vị "CB1" bị trùng (đã có ở dòng 2).'],
      [4, 'Mã đơn vị "CB1" bị trùng (đã có ở dòng 2).'],
    ]);
  });

  it('still reports a repeated code when the first row has another problem', () => {
    const issues = issuesOf([minimalUnits([['CB1', '', 'chi bộ', ''], ['CB1', 'Chi bộ 1', 'chi bộ', '']])]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Tên đơn vị'],
      [3, 'Mã đơn vị'],
    ]);
    expect(issues[1]!.message).toContain('dòng 2');
  });

  it('lets two units have a model with the same title', () => {
    const plan = parseImport([minimalModels([['CB1', 'Dân vận khéo', '', '', '', ''], ['CB2', 'Dân vận khéo', '', '', '', '']])]);
    expect(plan.models).toHaveLength(2);
  });

  it('reports a phone given to a different person, on the later row, naming the first row', () => {
    const issue = onlyIssue([
      minimalPeople([
        ['Nguyễn Văn An', '0912 345 678', 'CB1', 'bí thư', ''],
        ['Trần Thị Bình', '0913345678', 'CB2', 'bí thư', ''],
        ['Lê Văn Cường', '0912.345.678', 'CB3', 'bí thư', ''],
      ]),
    ]);
    expect(issue).toMatchObject({ sheet: 'Nhân sự', row: 4, column: 'Số điện thoại' });
    expect(said(issue)).toBe('trang "Nhân sự", dòng 4, cột "Số điện thoại": Số điện thoại 0912345678 đã dùng cho người khác ở dòng 2.');
  });

  it('accepts the same phone for the same person holding two roles, however the name is cased', () => {
    const plan = parseImport([
      minimalPeople([
        ['Nguyễn Văn An', '0912345678', 'CB1', 'bí thư', ''],
        ['NGUYỄN VĂN AN', '0912345678', 'X1', 'lãnh đạo', ''],
      ]),
    ]);
    expect(plan.people.map((p) => [p.unitCode, p.role])).toEqual([
      ['CB1', 'secretary'],
      ['X1', 'leader'],
    ]);
  });
});

describe('parseImport: duplicate model titles', () => {
  it('reports each repeat within a unit on its own row, comparing without case or diacritics', () => {
    const issues = issuesOf([
      minimalModels([
        ['CB1', 'Dân vận khéo', '', '', '', ''],
        ['CB2', 'Dân vận khéo', '', '', '', ''],
        ['CB1', '  DÂN VẬN KHÉO ', '', '', '', ''],
        ['CB1', 'Dan van kheo', '', '', '', ''],
      ]),
    ]);
    expect(issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column }))).toEqual([
      { sheet: 'Mô hình', row: 4, column: 'Tên mô hình' },
      { sheet: 'Mô hình', row: 5, column: 'Tên mô hình' },
    ]);
    expect(said(issues[0]!)).toBe('trang "Mô hình", dòng 4, cột "Tên mô hình": Mô hình "DÂN VẬN KHÉO" của đơn vị này bị trùng (đã có ở dòng 2).');
    expect(issues[1]!.message).toContain('"Dan van kheo"');
    expect(issues[1]!.message).toContain('dòng 2');
  });
});

// ---------------------------------------------------------------- rows and the whole file

describe('parseImport: row numbers and reporting', () => {
  it('skips blank rows but keeps row numbers as the spreadsheet shows them (header is row 1)', () => {
    const { plan, issues } = readImport([
      sheet(
        null,
        UNIT_HEADER,
        ['KT', 'Tỉnh ủy', 'tỉnh', ''],
        [],
        ['', null, '   ', undefined],
        ['CB1', 'Chi bộ 1', 'chi bộ', 'KT'],
        [null, null, null, null],
        ['CB2', 'Chi bộ 2', 'ấp', 'KT'],
      ),
    ]);
    expect(plan.units.map((u) => [u.row, u.code])).toEqual([
      [2, 'KT'],
      [5, 'CB1'],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 7, column: 'Loại' });
    expect(said(issues[0]!)).toMatch(/^dòng 7, cột "Loại": "ấp" không hợp lệ/);
  });

  it('reports all the problems of a workbook at once, each with sheet, row and column', () => {
    const sheets = [
      minimalUnits([
        ['KT', 'Tỉnh ủy', 'tỉnh', ''],
        ['CB 1', 'Chi bộ 1', 'chi bộ', 'KT'],
        ['CB2', '', 'tổ', 'KT'],
      ]),
      minimalPeople([
        ['Nguyễn Văn An', '12ab', 'KT', 'bí thư', ''],
        ['', '0912345678', 'KT', 'thư ký', ''],
      ]),
      minimalModels([['KT', 'Mô hình A', '', '31/02/2026', '', '']]),
    ];
    let caught: unknown;
    try {
      parseImport(sheets);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('Không nhập được: 7 lỗi. Chưa có gì được ghi vào cơ sở dữ liệu.');
    expect(error.issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ['Đơn vị', 3, 'Mã đơn vị'],
      ['Đơn vị', 4, 'Tên đơn vị'],
      ['Đơn vị', 4, 'Loại'],
      ['Mô hình', 2, 'Ngày bắt đầu'],
      ['Nhân sự', 2, 'Số điện thoại'],
      ['Nhân sự', 3, 'Họ tên'],
      ['Nhân sự', 3, 'Vai trò'],
    ]);
    for (const issue of error.issues) {
      expect(issue.sheet).toBeTruthy();
      expect(issue.row).toBeGreaterThan(1);
      expect(issue.column).toBeTruthy();
    }
  });

  it('reports problems from several sheets even when one sheet is missing a column', () => {
    const issues = issuesOf([
      sheet('Đơn vị', ['Mã đơn vị', 'Tên đơn vị'], ['CB1', 'Chi bộ 1']),
      minimalPeople([['Nguyễn Văn An', '12ab', 'CB1', 'bí thư', '']]),
    ]);
    expect(issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ['Đơn vị', 1, 'Loại'],
      ['Nhân sự', 2, 'Số điện thoại'],
    ]);
  });

  it('returns the plan without throwing when everything is valid', () => {
    const { plan, issues } = readImport([minimalUnits([['CB1', 'Chi bộ 1', 'chi bộ', '']])]);
    expect(issues).toEqual([]);
    expect(plan.units).toHaveLength(1);
  });
});

describe('parseImport: empty file', () => {
  const empties: Record<string, readonly TabularSheet[]> = {
    'no sheets': [],
    'a CSV with no rows': [{ name: null, rows: [] }],
    'sheets with only blank cells': [
      { name: 'Sheet1', rows: [[null, '', '  '], []] },
      { name: 'Sheet2', rows: [] },
    ],
  };
  for (const [what, sheets] of Object.entries(empties)) {
    it(`says the file has no data for ${what}`, () => {
      const issue = onlyIssue(sheets);
      expect(issue.message).toBe('Tệp không có dữ liệu.');
      const { plan }: { plan: ImportPlan } = readImport(sheets);
      expect(plan).toEqual({ units: [], people: [], models: [] });
    });
  }
});

describe('parseImport: spreadsheets as people really fill them', () => {
  it('accepts an en dash pasted from Word in a choice ("Văn hóa – Xã hội")', () => {
    const plan = parseImport([{ name: 'Mô hình', rows: [['Mã đơn vị', 'Tên mô hình', 'Lĩnh vực'], ['X', 'Kể chuyện Bác Hồ', 'Văn hóa – Xã hội']] }]);
    expect(plan.models[0]?.field).toBe('van_hoa_xa_hoi');
  });

  it('reads a models CSV that also carries the unit name as a model file', () => {
    const plan = parseImport([{ name: null, rows: [['Mã đơn vị', 'Tên đơn vị', 'Tên mô hình'], ['X', 'Chi bộ X', 'Nuôi ong lấy mật']] }]);
    expect(plan.models.map((m) => m.title)).toEqual(['Nuôi ong lấy mật']);
  });
});
