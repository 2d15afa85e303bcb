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

/** The document's number line by issuer: "Số:      -BC/ĐU", filled in by the office. */
export function numberLine(kind: OrgUnitKind): string {
  const code = kind === 'chi_bo' ? 'CB' : kind === 'tinh' ? 'TU' : kind === 'huyen' ? 'HU' : kind === 'co_quan' ? 'BTGDV' : 'ĐU';
  return `Số:       -BC/${code}`;
}
