import type { ModelField, ModelStatus, OrgUnitKind, RoleKind } from '../domain.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { vi } from '../messages/vi.js';
import { cleanText, foldVietnamese, toKey } from '../text.js';
import {
  IMPORT_COLUMNS,
  MODEL_FIELD_CHOICE,
  MODEL_STATUS_CHOICE,
  ROLE_CHOICE,
  SHEET_NAMES,
  UNIT_KIND_CHOICE,
  type Choice,
  type ColumnSpec,
  type ImportKind,
} from './columns.js';

/** A cell as a CSV or a workbook gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** One sheet of a workbook, or a whole CSV (name null). The first row is the header. */
export interface TabularSheet {
  name: string | null;
  rows: readonly (readonly Cell[])[];
}

export interface ImportedUnit {
  row: number;
  sheet?: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
}

export interface ImportedPerson {
  row: number;
  sheet?: string;
  fullName: string;
  phone: string | null;
  unitCode: string;
  role: RoleKind;
  title: string | null;
  /** "Ngày thôi giữ vai trò": the role ended that day (ISO date), or null while it holds. */
  endedOn: string | null;
}

export interface ImportedModel {
  row: number;
  sheet?: string;
  unitCode: string;
  title: string;
  field: ModelField;
  startedOn: string | null;
  status: ModelStatus;
  description: string | null;
}

/** A row identical to an earlier one of the same sheet: skipped, and counted so the administrator knows. */
export interface DuplicateRow {
  sheet?: string;
  row: number;
  firstRow: number;
}

/** What a file asks to import, checked row by row but not yet against the database. */
export interface ImportPlan {
  units: ImportedUnit[];
  people: ImportedPerson[];
  models: ImportedModel[];
}

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The longest text a cell (or a form field sharing the import's rules) may hold. */
export const MAX_TEXT = 500;

/**
 * Reads the sheets of an import file into a plan. Every problem is collected with its sheet,
 * row and column, and all are reported at once in a ValidationError, so the administrator can
 * fix the whole file in one pass.
 */
export function parseImport(sheets: readonly TabularSheet[]): ImportPlan {
  const { plan, issues } = readImport(sheets);
  if (issues.length > 0) throw new ValidationError(vi.import.failed(issues.length), issues);
  return plan;
}

/**
 * The same reading without throwing: the valid rows and the problems found, so a caller can add
 * the problems only the database can reveal and report everything together.
 */
export function readImport(sheets: readonly TabularSheet[]): { plan: ImportPlan; issues: ValidationIssue[]; duplicates: DuplicateRow[] } {
  const plan: ImportPlan = { units: [], people: [], models: [] };
  const issues: ValidationIssue[] = [];
  const duplicates: DuplicateRow[] = [];
  const seenCodes: SeenCode[] = [];
  const nonEmpty = sheets.filter((sheet) => sheet.rows.some((row) => row.some((cell) => !isBlank(cell))));
  if (nonEmpty.length === 0) return { plan, issues: [{ message: vi.import.emptyFile }], duplicates };

  for (const sheet of nonEmpty) {
    const sheetName = sheet.name ?? undefined;
    const header = (sheet.rows[0] ?? []).map((cell) => toKey(cellText(cell)));
    const kind = detectKind(sheet.name, header) ?? closestKind(header);
    if (!kind) {
      issues.push({ sheet: sheetName, row: 1, message: vi.import.unknownSheet(sheet.name ?? '') });
      continue;
    }
    const columns = locateColumns(IMPORT_COLUMNS[kind], header);
    const missing = IMPORT_COLUMNS[kind].filter((spec) => spec.required && columns.get(spec.key) === undefined);
    for (const spec of missing) issues.push({ sheet: sheetName, row: 1, column: spec.label, message: vi.import.missingColumn(spec.label, kind) });
    if (missing.length > 0) continue;

    const firstSeen = new Map<string, number>();
    sheet.rows.forEach((cells, index) => {
      if (index === 0 || cells.every(isBlank)) return;
      // A row repeated cell for cell (a paste done twice) is the same fact: skipped and counted.
      const content = cells.map((cell) => cleanText(cellText(cell))).join('\u0000').replace(/\u0000+$/, '');
      const first = firstSeen.get(content);
      if (first !== undefined) {
        duplicates.push({ ...(sheetName === undefined ? {} : { sheet: sheetName }), row: index + 1, firstRow: first });
        return;
      }
      firstSeen.set(content, index + 1);
      const reader = new RowReader(kind, cells, columns, index + 1, sheetName, issues);
      if (kind === 'units') readUnit(reader, plan.units, seenCodes);
      else if (kind === 'people') readPerson(reader, plan.people);
      else readModel(reader, plan.models);
    });
  }
  issues.push(...findDuplicates(plan, seenCodes));
  return { plan, issues: issues.sort(compareIssues), duplicates };
}

/** Orders problems as a person reads the file: sheet by sheet, top to bottom. */
export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  return (a.sheet ?? '').localeCompare(b.sheet ?? '') || (a.row ?? 0) - (b.row ?? 0);
}

interface SeenCode {
  code: string;
  row: number;
  sheet?: string;
}

function readUnit(r: RowReader, out: ImportedUnit[], seen: SeenCode[]): void {
  const code = r.code('code');
  if (code) seen.push({ code, ...r.where() });
  const name = r.text('name');
  const kind = r.choice('kind', UNIT_KIND_CHOICE);
  const parentCode = r.optionalCode('parentCode');
  if (code && parentCode === code) r.issue('parentCode', vi.import.ownParent);
  if (r.ok && code && name && kind) out.push({ ...r.where(), code, name, kind, parentCode });
}

function readPerson(r: RowReader, out: ImportedPerson[]): void {
  const fullName = r.text('fullName');
  const phone = r.phone('phone');
  const unitCode = r.code('unitCode');
  const role = r.choice('role', ROLE_CHOICE);
  const title = r.optionalText('title');
  const endedOn = r.date('endedOn');
  if (r.ok && fullName && unitCode && role) out.push({ ...r.where(), fullName, phone, unitCode, role, title, endedOn });
}

function readModel(r: RowReader, out: ImportedModel[]): void {
  const unitCode = r.code('unitCode');
  const title = r.text('title');
  const field = r.optionalChoice('field', MODEL_FIELD_CHOICE) ?? 'khac';
  const startedOn = r.date('startedOn');
  const status = r.optionalChoice('status', MODEL_STATUS_CHOICE) ?? 'active';
  const description = r.optionalText('description');
  if (r.ok && unitCode && title) out.push({ ...r.where(), unitCode, title, field, startedOn, status, description });
}

function findDuplicates(plan: ImportPlan, seenCodes: readonly SeenCode[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const units = new Map<string, number>();
  for (const unit of seenCodes) {
    const first = units.get(unit.code);
    if (first !== undefined) issues.push({ sheet: unit.sheet, row: unit.row, column: 'Mã đơn vị', message: vi.import.duplicateCode(unit.code, first) });
    else units.set(unit.code, unit.row);
  }
  const models = new Map<string, number>();
  for (const model of plan.models) {
    const key = `${model.unitCode}\u0000${foldVietnamese(model.title)}`;
    const first = models.get(key);
    if (first !== undefined) issues.push({ sheet: model.sheet, row: model.row, column: 'Tên mô hình', message: vi.import.duplicateModel(model.title, first) });
    else models.set(key, model.row);
  }
  const phones = new Map<string, { row: number; name: string }>();
  for (const person of plan.people) {
    if (!person.phone) continue;
    const first = phones.get(person.phone);
    if (first && foldVietnamese(first.name) !== foldVietnamese(person.fullName)) {
      issues.push({ sheet: person.sheet, row: person.row, column: 'Số điện thoại', message: vi.import.phoneConflict(person.phone, first.row) });
    } else if (!first) phones.set(person.phone, { row: person.row, name: person.fullName });
  }
  return issues;
}

function detectKind(sheetName: string | null, header: readonly string[]): ImportKind | null {
  if (sheetName) {
    const key = toKey(sheetName);
    for (const kind of Object.keys(SHEET_NAMES) as ImportKind[]) if (SHEET_NAMES[kind].includes(key)) return kind;
  }
  const has = (spec: ColumnSpec) => header.some((h) => h === toKey(spec.label) || spec.aliases.includes(h));
  const byKey = (kind: ImportKind, key: string) => IMPORT_COLUMNS[kind].find((s) => s.key === key)!;
  // People also have a "title" column (chức vụ), so a people header must not read as models.
  const people = header.includes('ho_ten') || header.includes('ho_va_ten') || header.includes('full_name');
  const units = has(byKey('units', 'name')) && has(byKey('units', 'kind'));
  if (header.includes('ten_mo_hinh') || (has(byKey('models', 'title')) && !people && !units)) return 'models';
  if (units) return 'units';
  if (people) return 'people';
  return null;
}

/**
 * A header that the strict rules do not recognise (a required column is missing) is read as the
 * kind whose columns it has most of, so the administrator is told which columns that kind still
 * needs. "Mã đơn vị" alone is in all three kinds and decides nothing.
 */
function closestKind(header: readonly string[]): ImportKind | null {
  const score = (kind: ImportKind) =>
    IMPORT_COLUMNS[kind].filter((spec) => spec.label !== 'Mã đơn vị' && header.some((h) => h === toKey(spec.label) || spec.aliases.includes(h))).length;
  const ranked = (Object.keys(IMPORT_COLUMNS) as ImportKind[]).map((kind) => ({ kind, score: score(kind) })).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  return best && best.score > 0 && best.score > (second?.score ?? 0) ? best.kind : null;
}

function locateColumns(specs: readonly ColumnSpec[], header: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const spec of specs) {
    const exact = header.indexOf(toKey(spec.label));
    const index = exact >= 0 ? exact : header.findIndex((h) => spec.aliases.includes(h));
    if (index >= 0) found.set(spec.key, index);
  }
  return found;
}

/** Reads one row's cells by column key, recording each problem with its place. */
class RowReader {
  ok = true;
  constructor(
    private readonly kind: ImportKind,
    private readonly cells: readonly Cell[],
    private readonly columns: Map<string, number>,
    private readonly row: number,
    private readonly sheet: string | undefined,
    private readonly issues: ValidationIssue[],
  ) {}

  where(): { row: number; sheet?: string } {
    return this.sheet === undefined ? { row: this.row } : { row: this.row, sheet: this.sheet };
  }

  issue(key: string, message: string): void {
    this.ok = false;
    this.issues.push({ ...this.where(), column: this.label(key), message });
  }

  raw(key: string): Cell {
    const index = this.columns.get(key);
    return index === undefined ? undefined : this.cells[index];
  }

  optionalText(key: string): string | null {
    const value = cleanText(cellText(this.raw(key)));
    if (value === '') return null;
    if (value.length > MAX_TEXT) {
      this.issue(key, vi.import.tooLong(this.label(key), MAX_TEXT));
      return null;
    }
    return value;
  }

  text(key: string): string | null {
    return this.required(key, () => this.optionalText(key));
  }

  optionalCode(key: string): string | null {
    const value = cleanText(cellText(this.raw(key)));
    if (value === '') return null;
    if (!UNIT_CODE_PATTERN.test(value)) {
      this.issue(key, vi.import.badCode(value));
      return null;
    }
    return value;
  }

  code(key: string): string | null {
    return this.required(key, () => this.optionalCode(key));
  }

  optionalChoice<T extends string>(key: string, choice: Choice<T>): T | null {
    const written = cleanText(cellText(this.raw(key)));
    if (written === '') return null;
    const folded = foldVietnamese(written).replace(/\s*[-\u2013\u2014]\s*/g, ' - ');
    const plain = folded.replace(/ - /g, ' ');
    for (const value of Object.keys(choice.values) as T[]) {
      const words = choice.values[value];
      if (value === written || words.includes(folded) || words.includes(plain)) return value;
    }
    this.issue(key, vi.import.badChoice(this.label(key), written, choice.shown));
    return null;
  }

  choice<T extends string>(key: string, choice: Choice<T>): T | null {
    return this.required(key, () => this.optionalChoice(key, choice));
  }

  phone(key: string): string | null {
    const cell = this.raw(key);
    if (isBlank(cell)) return null;
    const phone = normalizePhone(cell);
    if (!phone) this.issue(key, vi.import.badPhone(cellText(cell)));
    return phone;
  }

  date(key: string): string | null {
    const cell = this.raw(key);
    if (isBlank(cell)) return null;
    const date = parseDateCell(cell);
    if (!date) this.issue(key, vi.import.badDate(cellText(cell)));
    return date;
  }

  /** A blank required cell is one issue; otherwise the optional reader decides. */
  private required<T>(key: string, read: () => T | null): T | null {
    if (!isBlank(this.raw(key))) return read();
    this.issue(key, vi.import.required(this.label(key)));
    return null;
  }

  private label(key: string): string {
    return IMPORT_COLUMNS[this.kind].find((spec) => spec.key === key)?.label ?? key;
  }
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cleanText(cell) === '');
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
}

/**
 * "0912 345 678", "+84 912.345.678" → digits with an optional leading "+". A Vietnamese number
 * is kept one way, as written at home ("+84 912…" and "0084 912…" → "0912…"), so the same phone
 * typed two ways is one phone wherever people are matched by it. Excel drops the leading zero of
 * a number cell, so a 9-digit number gets it back.
 */
export function normalizePhone(cell: Cell): string | null {
  let text = typeof cell === 'number' ? String(Math.trunc(cell)) : cellText(cell);
  text = text.replace(/[\s.()-]/g, '');
  const international = /^(?:\+|00)84(\d{9,10})$/.exec(text);
  if (international) text = `0${international[1]}`;
  if (/^[1-9]\d{8}$/.test(text)) text = `0${text}`;
  return /^\+?\d{8,15}$/.test(text) ? text : null;
}

/** A date cell as ISO "YYYY-MM-DD": a real date, "25/11/2026", "2026-11-25" or an Excel serial number. */
export function parseDateCell(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 100_000) return null;
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cellText(cell).trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}
