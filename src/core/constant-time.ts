/**
 * The one comparison of secrets (a webhook's secret token, a signature, a CSRF token): every
 * character is looked at whatever differs first, so the time taken says nothing about how much of
 * a guess was right. Texts of different lengths differ at once (a length is not the secret), and
 * an empty text matches nothing.
 */
export function secretsMatch(given: string, expected: string): boolean {
  if (given.length !== expected.length || expected.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
