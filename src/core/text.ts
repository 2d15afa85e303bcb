/**
 * Characters that show nothing: zero-width ones, a BOM, direction marks and overrides, and
 * control characters other than white space (PostgreSQL refuses U+0000 in text and jsonb).
 */
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Folds Vietnamese text for matching what people type: lower case, no diacritics, đ → d,
 * invisible characters removed and white space collapsed. "Mã Đơn Vị" and "ma don vi" match.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A header or label as a key: folded, with every run of other characters turned into "_". */
export function toKey(input: string): string {
  return foldVietnamese(input)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Trims and collapses white space and drops invisible characters, keeping the text as the person
 * wrote it (diacritics and all).
 */
export function cleanText(input: string): string {
  return input
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * Removes what PostgreSQL cannot store in text or jsonb: the NUL character and UTF-16 halves of
 * a character that lost their other half (lone surrogates). Everything else a person typed stays.
 */
export function stripUnstorable(input: string): string {
  return input.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** A JSON value with stripUnstorable applied to every string in it (keys too), for jsonb columns. */
export function storableJson<T>(value: T): T {
  if (typeof value === 'string') return stripUnstorable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => storableJson(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripUnstorable(k), storableJson(v as unknown)])) as T;
  }
  return value;
}
