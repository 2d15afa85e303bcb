/**
 * What a button carries back when tapped: the choice's value and, for a check-in question, the
 * conversation and version it was drawn for, so a stale button is recognised. One compact
 * encoding for every channel ("12.3.ans:yes", or ".value" with no conversation), within
 * Telegram's 64 bytes of callback data.
 */
export const BUTTON_DATA_LIMIT = 64;

export function encodeButtonData(value: string, conversation?: { id: number; version: number }): string {
  const data = conversation ? `${conversation.id}.${conversation.version}.${value}` : `.${value}`;
  if (Buffer.byteLength(data, 'utf8') > BUTTON_DATA_LIMIT) throw new RangeError(`button data over ${BUTTON_DATA_LIMIT} bytes: ${value}`);
  return data;
}

/** The tapped button's value, or null for data we never issued. */
export function decodeButtonData(data: string): { value: string; conversationId?: number; version?: number } | null {
  const match = /^(?:(\d{1,12})\.(\d{1,9}))?\.(.{1,60})$/su.exec(data);
  if (!match) return null;
  const value = match[3]!;
  return match[1] ? { value, conversationId: Number(match[1]), version: Number(match[2]) } : { value };
}
