import type { OrgUnitKind } from '../domain.js';
import { formatMonth } from '../format.js';
import { parseMonthKey } from './arithmetic.js';

/**
 * The wording of the review report's frame (Hướng dẫn 36-HD/VPTW): the place in the date line,
 * the kind of review, the signature. Pure, so the tests can pin every case.
 */

const LOCALITY_PREFIX =
  /^(Đảng bộ|Đảng ủy|Huyện ủy|Tỉnh ủy|Thành ủy|Thị ủy|Quận ủy|Chi bộ)\s+(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu|thôn|làng|ấp|bản|tổ dân phố)?\s*/iu;

/**
 * The place of the date line: the nearest locality among the unit and its ancestors, without
 * its committee: "Đảng ủy xã Đăk Tơ Lung" → "Đăk Tơ Lung". A chi bộ of an office takes its
 * commune's name. `chain` is the unit first, then its ancestors.
 */
export function placeName(chain: readonly { name: string; kind: OrgUnitKind }[]): string {
  const locality = chain.find((u) => u.kind === 'xa' || u.kind === 'huyen' || u.kind === 'tinh') ?? chain[0];
  if (!locality) return '';
  return locality.name.replace(LOCALITY_PREFIX, '').trim() || locality.name;
}

/** Sơ kết for part of a year, tổng kết for a whole calendar year. */
export function reviewKind(from: string, to: string): 'so_ket' | 'tong_ket' {
  const a = parseMonthKey(from);
  const b = parseMonthKey(to);
  return a.year === b.year && a.month === 1 && b.month === 12 ? 'tong_ket' : 'so_ket';
}

/** "từ tháng 06/2026 đến tháng 11/2026", or "năm 2026" for a whole year. */
export function rangeLabel(from: string, to: string): string {
  const a = parseMonthKey(from);
  const b = parseMonthKey(to);
  if (reviewKind(from, to) === 'tong_ket') return `năm ${a.year}`;
  if (from === to) return `tháng ${formatMonth(a.year, a.month)}`;
  return `từ tháng ${formatMonth(a.year, a.month)} đến tháng ${formatMonth(b.year, b.month)}`;
}

/** The title under "BÁO CÁO". */
export function reviewSubtitle(from: string, to: string): string {
  const what = reviewKind(from, to) === 'tong_ket' ? 'Tổng kết' : 'Sơ kết';
  return `${what} việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ${rangeLabel(from, to)}`;
}

/** "T/M CHI BỘ" / "T/M ĐẢNG ỦY" / "T/M BAN THƯỜNG VỤ" and the signer's title. */
export function signatureFor(kind: OrgUnitKind): { onBehalf: string; title: string } {
  if (kind === 'chi_bo') return { onBehalf: 'T/M CHI BỘ', title: 'BÍ THƯ' };
  if (kind === 'tinh' || kind === 'huyen') return { onBehalf: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' };
  if (kind === 'co_quan' || kind === 'khac') return { onBehalf: '', title: 'TRƯỞNG BAN' };
  return { onBehalf: 'T/M ĐẢNG ỦY', title: 'BÍ THƯ' };
}

/**
 * The document's number line by issuer (Hướng dẫn 36-HD/VPTW: "Số" then the number the office
 * fills in, a dash, the kind and the issuer's code, no colon): "Số      -BC/TU" for a Tỉnh ủy,
 * "-BC/HU" a Huyện ủy, "-BC/ĐU" an Đảng ủy, "-BC/CB" a chi bộ.
 */
export function numberLine(kind: OrgUnitKind): string {
  const code = kind === 'chi_bo' ? 'CB' : kind === 'tinh' ? 'TU' : kind === 'huyen' ? 'HU' : kind === 'co_quan' ? 'BTGDV' : 'ĐU';
  return `Số       -BC/${code}`;
}

/** A locality's committee by its party organisation's level word: "Đảng bộ tỉnh X" → "Tỉnh ủy X". */
const COMMITTEE_OF: readonly [RegExp, string][] = [
  [/^Đảng bộ tỉnh\s+/iu, 'Tỉnh ủy '],
  [/^Đảng bộ thành phố\s+/iu, 'Thành ủy '],
  [/^Đảng bộ huyện\s+/iu, 'Huyện ủy '],
  [/^Đảng bộ thị xã\s+/iu, 'Thị ủy '],
  [/^Đảng bộ quận\s+/iu, 'Quận ủy '],
  [/^Đảng bộ\s+/iu, 'Đảng ủy '],
];

/** And back: the party organisation a committee leads: "Huyện ủy X" → "Đảng bộ huyện X". */
const ORGANISATION_OF: readonly [RegExp, string][] = [
  [/^Tỉnh ủy\s+/iu, 'Đảng bộ tỉnh '],
  [/^Thành ủy\s+/iu, 'Đảng bộ thành phố '],
  [/^Huyện ủy\s+/iu, 'Đảng bộ huyện '],
  [/^Thị ủy\s+/iu, 'Đảng bộ thị xã '],
  [/^Quận ủy\s+/iu, 'Đảng bộ quận '],
  [/^Đảng ủy\s+/iu, 'Đảng bộ '],
];

const rename = (name: string, rules: readonly [RegExp, string][]): string => {
  for (const [pattern, replacement] of rules) if (pattern.test(name)) return name.replace(pattern, replacement);
  return name;
};

/**
 * The issuer lines top left (Hướng dẫn 36-HD/VPTW, tên cơ quan ban hành): the committee that
 * issues ("TỈNH ỦY KON TUM", "ĐẢNG ỦY XÃ ĐĂK TƠ LUNG", "CHI BỘ THÔN KON LUNG"), under the party
 * organisation directly above it ("ĐẢNG BỘ HUYỆN KON RẪY"); a Tỉnh ủy has no line above it; a
 * board of a committee ("Ban Tuyên giáo và Dân vận") stands under that committee ("TỈNH ỦY KON TUM").
 * `chain` is the unit first, then its ancestors; names may be given either way.
 */
export function issuerLines(chain: readonly { name: string; kind: OrgUnitKind }[]): { superior: string | null; issuer: string } {
  const [unit, parent] = chain;
  if (!unit) return { superior: null, issuer: '' };
  const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
  if (unit.kind === 'co_quan') {
    const committee = parent ? rename(parent.name, COMMITTEE_OF) : null;
    const board = committee ? unit.name.replace(new RegExp(`\\s+${committee.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'iu'), '') : unit.name;
    return { superior: committee ? upper(committee) : null, issuer: upper(board) };
  }
  const issuer = unit.kind === 'chi_bo' ? unit.name : rename(unit.name, COMMITTEE_OF);
  const superior = unit.kind === 'tinh' || !parent ? null : rename(parent.name, ORGANISATION_OF);
  return { superior: superior ? upper(superior) : null, issuer: upper(issuer) };
}
