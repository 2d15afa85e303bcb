import { vi } from '../messages/vi.js';

/** The largest spreadsheet the console accepts (the limit), in bytes. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Why an uploaded file cannot be a spreadsheet to import (null: it may be one; reading it
 * decides the rest): over 10 MB, not named .xlsx/.csv, or bytes that are not what the name says
 * (an .xlsx is a zip; a CSV has no NUL bytes unless it is UTF-16 with its BOM).
 */
export function uploadProblem(fileName: string, bytes: Uint8Array): string | null {
  const w = vi.admin.import;
  if (bytes.length > MAX_UPLOAD_BYTES) return w.tooBig(MAX_UPLOAD_BYTES / 1024 / 1024);
  if (bytes.length === 0) return w.noFile;
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? null : w.notSpreadsheet(fileName);
  if (name.endsWith('.csv')) {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    return utf16 || !bytes.subarray(0, 64 * 1024).includes(0) ? null : w.notSpreadsheet(fileName);
  }
  return w.notSpreadsheet(fileName);
}
