/**
 * Invitation codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about
 * 59 bits, so guessing is hopeless; they fit a Telegram /start payload and are easy to read
 * aloud or type into Zalo. Randomness is passed in, so the core stays pure.
 */
export const INVITATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 12;

/** Builds a code from random bytes (at least 12 of them; rejection sampling keeps it uniform). */
export function makeInvitationCode(randomBytes: Uint8Array): string {
  const limit = 256 - (256 % INVITATION_ALPHABET.length);
  let code = '';
  for (const byte of randomBytes) {
    if (byte >= limit) continue;
    code += INVITATION_ALPHABET[byte % INVITATION_ALPHABET.length];
    if (code.length === INVITATION_CODE_LENGTH) return code;
  }
  throw new RangeError('not enough random bytes for an invitation code');
}

/** "abcd-efgh jkmn" → "ABCDEFGHJKMN"; null when it cannot be a code at all. */
export function normalizeInvitationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== INVITATION_CODE_LENGTH) return null;
  for (const ch of code) if (!INVITATION_ALPHABET.includes(ch)) return null;
  return code;
}

/** "ABCD-EFGH-JKMN": grouped for reading aloud. */
export function formatInvitationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
