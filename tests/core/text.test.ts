import { describe, it, expect } from 'vitest';
import { cleanText, foldVietnamese, toKey } from '../../src/core/text.js';

describe('foldVietnamese', () => {
  it('removes diacritics, lowers case and turns đ/Đ into d', () => {
    expect(foldVietnamese('Mã Đơn Vị')).toBe('ma don vi');
    expect(foldVietnamese('ĐẢNG BỘ XÃ ĐĂK HÀ')).toBe('dang bo xa dak ha');
    expect(foldVietnamese('Bí thư chi bộ')).toBe('bi thu chi bo');
  });

  it('handles the horn and breve letters ư, ơ, ă', () => {
    expect(foldVietnamese('Người tốt, việc tốt')).toBe('nguoi tot, viec tot');
    expect(foldVietnamese('Ơn Bác, Ăn quả')).toBe('on bac, an qua');
  });

  it('treats precomposed (NFC) and decomposed (NFD) input alike', () => {
    const nfc = 'Phường Hòa Bình'.normalize('NFC');
    const nfd = 'Phường Hòa Bình'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    expect(foldVietnamese(nfc)).toBe('phuong hoa binh');
  });

  it('drops zero-width characters and a BOM, and collapses white space', () => {
    expect(foldVietnamese('\ufeff  Chi\u200b  bộ \t\n thôn  1 ')).toBe('chi bo thon 1');
  });

  it('makes the old and new placement of tone marks match ("hoá" and "hóa")', () => {
    expect(foldVietnamese('Văn hoá')).toBe(foldVietnamese('Văn hóa'));
  });
});

describe('toKey', () => {
  it('gives the same key for a header with diacritics, without, in snake_case and in upper case', () => {
    const variants = ['Mã đơn vị', 'Ma don vi', 'ma_don_vi', 'MÃ ĐƠN VỊ', 'MA_DON_VI', '  Mã   đơn-vị  ', 'Mã đơn vị:'];
    for (const header of variants) expect(toKey(header), header).toBe('ma_don_vi');
  });

  it('turns every run of punctuation into one underscore and trims them at the ends', () => {
    expect(toKey('Số điện thoại (SĐT)')).toBe('so_dien_thoai_sdt');
    expect(toKey('__Tên -- mô hình__')).toBe('ten_mo_hinh');
    expect(toKey('')).toBe('');
  });
});

describe('cleanText', () => {
  it('keeps diacritics and case as written, but trims and collapses white space', () => {
    expect(cleanText('  Chi bộ   Thôn  Kon   Rày \n')).toBe('Chi bộ Thôn Kon Rày');
  });

  it('removes zero-width characters', () => {
    expect(cleanText('\ufeffĐảng\u200b bộ\u2060')).toBe('Đảng bộ');
  });

  it('returns NFC text even when given decomposed input', () => {
    const out = cleanText('Nguyễn Văn Hùng'.normalize('NFD'));
    expect(out).toBe('Nguyễn Văn Hùng'.normalize('NFC'));
    expect(out.normalize('NFC')).toBe(out);
  });
});
