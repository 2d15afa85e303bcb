/**
 * Folds Vietnamese text for matching what people type: lower case, no diacritics, đ → d,
 * zero-width characters removed and white space collapsed. "Mã Đơn Vị" and "ma don vi" match.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
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

/** Trims and collapses white space, keeping the text as the person wrote it (diacritics and all). */
export function cleanText(input: string): string {
  return input
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}
