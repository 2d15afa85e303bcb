import QRCode from 'qrcode';

/**
 * QR codes for invitation links, drawn on the server (the console runs no script and loads
 * nothing from elsewhere): SVG for the page and the printed sheet, PNG to download. Error
 * correction M, a quiet zone of 2 modules, black on white.
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The same QR code as a PNG (8 pixels per module): a file to send or put in a slide. */
export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}
