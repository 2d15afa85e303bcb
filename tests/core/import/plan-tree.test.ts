import { describe, it, expect } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../../src/core/errors.js';
import {
  parseImport,
  type ImportedModel,
  type ImportedPerson,
  type ImportedUnit,
  type ImportPlan,
} from '../../../src/core/import/parse-import.js';
import { orderImportAgainstTree, planTree } from '../../../src/core/import/plan-tree.js';
import { vi as messages } from '../../../src/core/messages/vi.js';

// ---------------------------------------------------------------- helpers

/** Units as [code, parentCode] in file order; rows start at 2 like a spreadsheet under its header. */
function units(...pairs: [code: string, parent: string | null][]): ImportedUnit[] {
  return pairs.map(([code, parentCode], i) => ({ row: i + 2, sheet: 'Đơn vị', code, name: `Đơn vị ${code}`, kind: 'chi_bo', parentCode }));
}

function person(row: number, unitCode: string): ImportedPerson {
  return { row, sheet: 'Nhân sự', fullName: `Người ${row}`, phone: null, unitCode, role: 'secretary', title: null, endedOn: null };
}

function model(row: number, unitCode: string): ImportedModel {
  return { row, sheet: 'Mô hình', unitCode, title: `Mô hình ${row}`, field: 'khac', startedOn: null, status: 'active', description: null };
}

function plan(parts: Partial<ImportPlan>): ImportPlan {
  return { units: [], people: [], models: [], ...parts };
}

const NOTHING = new Map<string, string | null>();

function said(issue: ValidationIssue): string {
  const where = messages.import.where(issue);
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

function rejected(p: ImportPlan, existing: ReadonlyMap<string, string | null>): readonly ValidationIssue[] {
  try {
    orderImportAgainstTree(p, existing);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect((error as ValidationError).message).toBe(`Không nhập được: ${issues.length} lỗi. Chưa có gì được ghi vào cơ sở dữ liệu.`);
    return issues;
  }
  throw new Error('expected orderImportAgainstTree to reject the plan');
}

const codes = (list: readonly ImportedUnit[]) => list.map((u) => u.code);

/** Every unit comes after its parent when the parent is in the same list. */
function expectParentsFirst(list: readonly ImportedUnit[]): void {
  const seen = new Set<string>();
  const inList = new Set(codes(list));
  for (const unit of list) {
    if (unit.parentCode && inList.has(unit.parentCode)) expect(seen.has(unit.parentCode), `${unit.parentCode} before ${unit.code}`).toBe(true);
    seen.add(unit.code);
  }
}

// ---------------------------------------------------------------- ordering

describe('orderImportAgainstTree: ordering', () => {
  it('keeps a file already written parents first', () => {
    const ordered = orderImportAgainstTree(plan({ units: units(['KT', null], ['KT.X', 'KT'], ['KT.X.CB', 'KT.X']) }), NOTHING);
    expect(codes(ordered)).toEqual(['KT', 'KT.X', 'KT.X.CB']);
  });

  it('puts parents before children even when the file lists children first', () => {
    const ordered = orderImportAgainstTree(
      plan({ units: units(['KT.X.CB2', 'KT.X'], ['KT.X.CB1', 'KT.X'], ['KT.Y', 'KT'], ['KT.X', 'KT'], ['KT', null]) }),
      NOTHING,
    );
    expect(codes(ordered)).toEqual(['KT', 'KT.Y', 'KT.X', 'KT.X.CB2', 'KT.X.CB1']);
    expectParentsFirst(ordered);
  });

  it('keeps file order among units of the same depth', () => {
    const ordered = orderImportAgainstTree(plan({ units: units(['C', 'ROOT'], ['A', 'ROOT'], ['B', 'ROOT'], ['ROOT', null]) }), NOTHING);
    expect(codes(ordered)).toEqual(['ROOT', 'C', 'A', 'B']);
  });

  it('orders a deep chain given bottom-up', () => {
    const chain = Array.from({ length: 8 }, (_, i) => `L${i}`);
    const pairs = chain.map((code, i): [string, string | null] => [code, i === 0 ? null : chain[i - 1]!]).reverse();
    const ordered = orderImportAgainstTree(plan({ units: units(...pairs) }), NOTHING);
    expect(codes(ordered)).toEqual(chain);
  });

  it('returns the units themselves, unchanged, with their rows', () => {
    const file = units(['CB', 'X'], ['X', null]);
    const ordered = orderImportAgainstTree(plan({ units: file }), NOTHING);
    expect(ordered).toEqual([file[1], file[0]]);
    expect(file.map((u) => u.code)).toEqual(['CB', 'X']); // the plan itself is not reordered
  });

  it('accepts an empty plan', () => {
    expect(orderImportAgainstTree(plan({}), NOTHING)).toEqual([]);
  });
});

describe('orderImportAgainstTree: units already in the database', () => {
  const existing = new Map<string, string | null>([
    ['KT', null],
    ['KT.KONRAY', 'KT'],
    ['KT.KONRAY.HKL', 'KT.KONRAY'],
  ]);

  it('uses existing units as parents', () => {
    const ordered = orderImportAgainstTree(plan({ units: units(['KT.KONRAY.CB2', 'KT.KONRAY'], ['KT.DAKHA', 'KT']) }), existing);
    expect(codes(ordered)).toEqual(['KT.DAKHA', 'KT.KONRAY.CB2']);
  });

  it('lets people and models name existing units', () => {
    expect(() =>
      orderImportAgainstTree(plan({ people: [person(2, 'KT.KONRAY.HKL')], models: [model(2, 'KT.KONRAY')] }), existing),
    ).not.toThrow();
  });

  it('lets people and models name units created by the same file', () => {
    expect(() =>
      orderImportAgainstTree(plan({ units: units(['CB.MOI', 'KT']), people: [person(2, 'CB.MOI')], models: [model(2, 'CB.MOI')] }), existing),
    ).not.toThrow();
  });

  it('lets a file update an existing unit in place and move one under a new unit', () => {
    const ordered = orderImportAgainstTree(
      plan({ units: units(['KT.KONRAY.HKL', 'KT.MOI'], ['KT.MOI', 'KT'], ['KT', null]) }),
      existing,
    );
    expect(codes(ordered)).toEqual(['KT', 'KT.MOI', 'KT.KONRAY.HKL']);
  });

  it('does not return existing units the file does not mention', () => {
    const ordered = orderImportAgainstTree(plan({ units: units(['CB.MOI', 'KT.KONRAY.HKL']) }), existing);
    expect(codes(ordered)).toEqual(['CB.MOI']);
  });
});

// ---------------------------------------------------------------- unknown references

describe('orderImportAgainstTree: unknown codes', () => {
  it('refuses a parent that is neither in the file nor in the database, naming it', () => {
    const issues = rejected(plan({ units: units(['KT', null], ['CB1', 'KT.KONRAY']) }), new Map([['KT.DAKHA', 'KT']]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: 'Đơn vị', row: 3, column: 'Mã đơn vị cấp trên' });
    expect(said(issues[0]!)).toBe(
      'trang "Đơn vị", dòng 3, cột "Mã đơn vị cấp trên": Đơn vị cấp trên "KT.KONRAY" không có trong tệp cũng như trong dữ liệu hiện có.',
    );
  });

  it('refuses a person or a model whose unit is unknown, on its own sheet and row', () => {
    const issues = rejected(
      plan({ units: units(['CB1', null]), people: [person(2, 'CB1'), person(3, 'CB9')], models: [model(4, 'CB8'), model(5, 'CB1')] }),
      new Map([['KT', null]]),
    );
    expect(issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column }))).toEqual([
      { sheet: 'Nhân sự', row: 3, column: 'Mã đơn vị' },
      { sheet: 'Mô hình', row: 4, column: 'Mã đơn vị' },
    ]);
    expect(said(issues[0]!)).toBe('trang "Nhân sự", dòng 3, cột "Mã đơn vị": Mã đơn vị "CB9" không có trong tệp cũng như trong dữ liệu hiện có.');
    expect(issues[1]!.message).toContain('"CB8"');
  });

  it('reports every unknown reference at once', () => {
    const issues = rejected(
      plan({ units: units(['A', 'NOPE1'], ['B', 'NOPE2']), people: [person(2, 'NOPE3')], models: [model(2, 'NOPE4')] }),
      NOTHING,
    );
    expect(issues.map((i) => i.message.match(/"(NOPE\d)"/)?.[1])).toEqual(['NOPE1', 'NOPE2', 'NOPE3', 'NOPE4']);
  });

  it('gives the same problems without throwing through planTree', () => {
    const p = plan({ units: units(['A', 'NOPE']), people: [person(2, 'A')] });
    const { ordered, issues } = planTree(p, NOTHING);
    expect(codes(ordered)).toEqual(['A']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 2, column: 'Mã đơn vị cấp trên' });
  });
});

// ---------------------------------------------------------------- cycles

describe('orderImportAgainstTree: cycles', () => {
  it('reports a cycle inside the file once (A → B → A)', () => {
    const issues = rejected(plan({ units: units(['A', 'B'], ['B', 'A']) }), NOTHING);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: 'Đơn vị', column: 'Mã đơn vị cấp trên' });
    expect([2, 3]).toContain(issues[0]!.row);
    expect(issues[0]!.message).toMatch(/^Cây tổ chức bị vòng lặp: (A → B → A|B → A → B)\.$/);
  });

  it('reports a longer cycle once and names every unit in it', () => {
    const issues = rejected(plan({ units: units(['ROOT', null], ['A', 'C'], ['B', 'A'], ['C', 'B']) }), NOTHING);
    expect(issues).toHaveLength(1);
    for (const code of ['A', 'B', 'C']) expect(issues[0]!.message).toContain(code);
    expect(issues[0]!.message).not.toContain('ROOT');
  });

  it('reports two separate cycles separately', () => {
    const issues = rejected(plan({ units: units(['A', 'B'], ['B', 'A'], ['X', 'Y'], ['Y', 'X']) }), NOTHING);
    expect(issues).toHaveLength(2);
    expect(issues[0]!.message).toContain('A');
    expect(issues[1]!.message).toContain('X');
  });

  it('reports a cycle formed with existing units: the file puts an existing root under its own descendant', () => {
    const existing = new Map<string, string | null>([
      ['KT', null],
      ['KT.KONRAY', 'KT'],
      ['KT.KONRAY.HKL', 'KT.KONRAY'],
    ]);
    const issues = rejected(plan({ units: units(['KT', 'KT.KONRAY.HKL']) }), existing);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: 'Đơn vị', row: 2, column: 'Mã đơn vị cấp trên' });
    expect(issues[0]!.message).toBe('Cây tổ chức bị vòng lặp: KT → KT.KONRAY.HKL → KT.KONRAY → KT.');
  });

  it('reports a cycle and an unknown parent in the same file together', () => {
    const issues = rejected(plan({ units: units(['A', 'B'], ['B', 'A'], ['C', 'NOPE']) }), NOTHING);
    expect(issues).toHaveLength(2);
    expect(issues.map((i) => i.row).sort()).toEqual([2, 4]);
    expect(issues.some((i) => i.message.includes('"NOPE"'))).toBe(true);
    expect(issues.some((i) => i.message.startsWith('Cây tổ chức bị vòng lặp'))).toBe(true);
  });
});

// ---------------------------------------------------------------- with the parser

describe('parseImport then orderImportAgainstTree', () => {
  it('orders a workbook listing chi bộ before their xã, under an existing province', () => {
    const p = parseImport([
      {
        name: 'Đơn vị',
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'],
          ['KT.KONRAY.HKL', 'Chi bộ thôn Kon Rẫy', 'chi bộ', 'KT.KONRAY'],
          ['KT.KONRAY', 'Đảng ủy xã Kon Rẫy', 'xã', 'KT'],
        ],
      },
      {
        name: 'Nhân sự',
        rows: [
          ['Họ tên', 'Mã đơn vị', 'Vai trò'],
          ['Nguyễn Văn An', 'KT.KONRAY.HKL', 'bí thư'],
        ],
      },
    ]);
    const ordered = orderImportAgainstTree(p, new Map([['KT', null]]));
    expect(ordered.map((u) => [u.row, u.code])).toEqual([
      [3, 'KT.KONRAY'],
      [2, 'KT.KONRAY.HKL'],
    ]);
  });
});
