import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderPhotoVariants } from '../../src/media/image-variants.js';
import { sniffImageType } from '../../src/media/sniff-image.js';
import { makeJpeg, makePng } from '../helpers/photo-fixtures.js';

describe('photo variants', () => {
  it('renders a gallery size within 320 px and a full size within 1600 px, both JPEG, keeping the proportions', async () => {
    const rendered = await renderPhotoVariants(await makeJpeg(2000, 1500));
    expect({ width: rendered.width, height: rendered.height }).toEqual({ width: 2000, height: 1500 });
    const thumb = await sharp(rendered.variants.thumb).metadata();
    const full = await sharp(rendered.variants.full).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 320, 240]);
    expect([full.format, full.width, full.height]).toEqual(['jpeg', 1600, 1200]);
    expect(rendered.variants.thumb.byteLength).toBeLessThan(rendered.variants.full.byteLength);
  });

  it('never enlarges a small photo, and turns a PNG into JPEG', async () => {
    const rendered = await renderPhotoVariants(await makePng(200, 300));
    const full = await sharp(rendered.variants.full).metadata();
    expect([full.format, full.width, full.height]).toEqual(['jpeg', 200, 300]);
  });

  it('turns a photo upright by its EXIF orientation and drops the metadata', async () => {
    // Taken sideways: stored 400×200 with orientation 6 (rotate 90°), so it is 200×400 as seen.
    const sideways = new Uint8Array(await sharp(await makeJpeg(400, 200)).withMetadata({ orientation: 6 }).jpeg().toBuffer());
    const rendered = await renderPhotoVariants(sideways);
    expect({ width: rendered.width, height: rendered.height }).toEqual({ width: 200, height: 400 });
    const full = await sharp(rendered.variants.full).metadata();
    expect([full.width, full.height, full.orientation, full.exif]).toEqual([200, 400, undefined, undefined]);
  });

  it('refuses bytes that only claim to be an image', async () => {
    await expect(renderPhotoVariants(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]))).rejects.toThrow();
  });
});

describe('image type by magic bytes', () => {
  it('recognises JPEG, PNG, WebP and GIF, and nothing else', async () => {
    expect(sniffImageType(await makeJpeg(8, 8))).toBe('image/jpeg');
    expect(sniffImageType(await makePng(8, 8))).toBe('image/png');
    expect(sniffImageType(new Uint8Array(await sharp(await makePng(8, 8)).webp().toBuffer()))).toBe('image/webp');
    expect(sniffImageType(new Uint8Array(await sharp(await makePng(8, 8)).gif().toBuffer()))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});
