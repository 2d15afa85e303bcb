import { Writable } from 'node:stream';
import { HttpError } from 'grammy';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { createTestDatabase } from './helpers/database.js';

function capture() {
  const lines: string[] = [];
  const out = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
  return { out, text: () => lines.join('') };
}

describe('the log', () => {
  it('never writes a configured secret, a Bot API token in a URL, or a connection URL password', () => {
    const { out, text } = capture();
    const log = createLogger('info', out, { secrets: ['zalo-oa-key-42', 'p@ss/word'] });
    const token = '123456:AAsecretsecretsecretsecret12';
    const cause = new Error(`request to https://api.telegram.org/bot${token}/sendMessage failed, reason: socket hang up`);
    log.error({ err: new HttpError("Network request for 'sendMessage' failed!", cause) }, 'sending failed');
    log.warn({ err: new Error('bad key zalo-oa-key-42') }, 'postgres://bot:p%40ss%2Fword@db/x and postgres://u:other@h/x, p@ss/word');
    const written = text();
    for (const leak of ['AAsecretsecret', 'zalo-oa-key-42', 'p%40ss', 'p@ss/word', 'other@']) expect(written).not.toContain(leak);
    expect(written).toContain('[redacted]');
    expect(written).toContain('sending failed');
  });

  it('logs a failed query without its parameters (what a person wrote)', async () => {
    const handle = await createTestDatabase();
    try {
      const error = await handle.db.execute(sql`select ${'Nguyễn Văn Riêng Tư'}::int`).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const { out, text } = capture();
      createLogger('info', out).error({ err: error }, 'handling failed');
      expect(text()).toContain('handling failed');
      expect(text()).not.toContain('Riêng Tư');
    } finally {
      await handle.close();
    }
  });
});
