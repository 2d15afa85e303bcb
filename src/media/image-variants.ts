import sharp from 'sharp';
import type { PhotoVariant } from './photo-keys.js';

/** Longest side of each variant: a gallery tile, and a full view that still opens fast on a phone. */
export const VARIANT_MAX_SIDE: Readonly<Record<PhotoVariant, number>> = { thumb: 320, full: 1600 };

/** More pixels than any phone camera takes: a decompression bomb is refused before it is decoded. */
const MAX_INPUT_PIXELS = 60_000_000;

export interface RenderedPhoto {
  width: number;
  height: number;
  variants: Record<PhotoVariant, Uint8Array>;
}

/**
 * Renders the served sizes of a photo: turned upright by its EXIF orientation, fitted within the
 * variant's box (never enlarged), as progressive JPEG (mozjpeg), which every browser down to an
 * old office PC shows; the metadata (GPS position, camera) is dropped. Throws on bytes libvips
 * cannot decode (the caller records that as a final failure).
 */
export async function renderPhotoVariants(original: Uint8Array): Promise<RenderedPhoto> {
  const source = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const meta = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const upright = (meta.orientation ?? 1) >= 5;
  const width = (upright ? meta.height : meta.width) ?? 0;
  const height = (upright ? meta.width : meta.height) ?? 0;
  const render = async (variant: PhotoVariant) => {
    const side = VARIANT_MAX_SIDE[variant];
    const buffer = await source
      .clone()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: variant === 'thumb' ? 72 : 82, mozjpeg: true, progressive: true })
      .toBuffer();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  };
  const [thumb, full] = await Promise.all([render('thumb'), render('full')]);
  return { width, height, variants: { thumb, full } };
}
