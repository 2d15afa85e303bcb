import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, secretsOf } from '../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs with nothing set: embedded database in ./data, local HTTP on 8080, Vietnam time', () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(config.telegram).toBeUndefined();
    expect(config.zalo).toBeUndefined();
  });

  it('keeps photos under DATA_DIR/media unless MEDIA_DIR says where', () => {
    expect(parseConfig({}).media).toEqual({ dir: 'data/media' });
    expect(parseConfig({ DATA_DIR: '/var/lib/chibo' }).media).toEqual({ dir: '/var/lib/chibo/media' });
    expect(parseConfig({ DATA_DIR: '/var/lib/chibo', MEDIA_DIR: '/mnt/photos' }).media).toEqual({ dir: '/mnt/photos' });
  });

  it('uses PostgreSQL when DATABASE_URL is set and treats empty values as unset', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://bot:secret@127.0.0.1:5432/chibo' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://bot:secret@127.0.0.1:5432/chibo',
    });
    expect(parseConfig({ DATABASE_URL: '  ', HTTP_PORT: '' }).database.kind).toBe('pglite');
  });

  it('names every bad variable and what it expects, all at once', () => {
    const found = problems({ HTTP_PORT: '80a', TIMEZONE: 'Asia/Saigon-ish', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(found).toHaveLength(4);
    expect(found.find((p) => p.startsWith('HTTP_PORT'))).toContain('port number');
    expect(found.find((p) => p.startsWith('TIMEZONE'))).toContain('Asia/Ho_Chi_Minh');
    expect(found.find((p) => p.startsWith('LOG_LEVEL'))).toContain('info');
    expect(found.find((p) => p.startsWith('DATABASE_URL'))).toContain('postgres://');
  });

  it('refuses a port above 65535 and a malformed bot token', () => {
    expect(problems({ HTTP_PORT: '70000' })[0]).toMatch(/^HTTP_PORT/);
    expect(problems({ TELEGRAM_BOT_TOKEN: 'not-a-token' })[0]).toMatch(/^TELEGRAM_BOT_TOKEN .*BotFather/);
  });

  it('wants a webhook secret whenever a public URL would register a webhook', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', PUBLIC_URL: 'https://bot.example.vn' })[0]).toMatch(
      /^TELEGRAM_WEBHOOK_SECRET/,
    );
  });

  it('wants the Zalo settings together, naming the missing ones', () => {
    const found = problems({ ZALO_APP_ID: '123' });
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_REFRESH_TOKEN']);
  });

  it('collects the Telegram settings when a token is given', () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      TELEGRAM_WEBHOOK_SECRET: 's3cret_token',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9999',
    });
    expect(config.telegram).toMatchObject({ apiRoot: 'http://127.0.0.1:9999', webhookSecret: 's3cret_token' });
  });
});

describe('configuration errors and secrets', () => {
  it('names a bad secret without showing any of its value, and a database URL without its password', () => {
    const found = problems({
      TELEGRAM_BOT_TOKEN: 'hunter2hunter2-not-a-token',
      TELEGRAM_WEBHOOK_SECRET: 'bad secret with spaces',
      DATABASE_URL: 'mysql://bot:pa55word@db/chibo',
    });
    const text = found.join('\n');
    expect(text).toContain('TELEGRAM_BOT_TOKEN');
    expect(text).toContain('TELEGRAM_WEBHOOK_SECRET');
    for (const leak of ['hunter', 'bad secret', 'pa55word']) expect(text).not.toContain(leak);
  });

  it('lists every configured secret for the logger to scrub, the database password decoded too', () => {
    const config = parseConfig({
      DATABASE_URL: 'postgres://bot:p%40ss@127.0.0.1/chibo',
      TELEGRAM_BOT_TOKEN: '123456:AAabcdefghijklmnopqrstuvwxyz', TELEGRAM_WEBHOOK_SECRET: 'hook_secret',
      ZALO_APP_ID: '1', ZALO_APP_SECRET: 'zalo-app-secret', ZALO_OA_SECRET_KEY: 'zalo-oa-key', ZALO_REFRESH_TOKEN: 'zalo-refresh',
    });
    expect(secretsOf(config).sort()).toEqual(['123456:AAabcdefghijklmnopqrstuvwxyz', 'hook_secret', 'p%40ss', 'p@ss', 'zalo-app-secret', 'zalo-oa-key', 'zalo-refresh'].sort());
  });
});
