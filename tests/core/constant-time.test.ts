import { describe, expect, it } from 'vitest';
import { secretsMatch } from '../../src/core/constant-time.js';

describe('secretsMatch', () => {
  it('matches the same secret only', () => {
    expect(secretsMatch('mac=abc123', 'mac=abc123')).toBe(true);
    expect(secretsMatch('mac=abc124', 'mac=abc123')).toBe(false);
    expect(secretsMatch('Mac=abc123', 'mac=abc123')).toBe(false);
    expect(secretsMatch('bí mật', 'bí mật')).toBe(true);
    expect(secretsMatch('bi mật', 'bí mật')).toBe(false);
  });

  it('refuses another length and the empty secret', () => {
    expect(secretsMatch('mac=abc12', 'mac=abc123')).toBe(false);
    expect(secretsMatch('mac=abc1234', 'mac=abc123')).toBe(false);
    expect(secretsMatch('', '')).toBe(false);
  });
});
