import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from './core/errors.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = (example: string) =>
  optionalText.pipe(z.url({ message: `must be a full URL, for example ${example}` }).optional());

const schema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    DATA_DIR: optionalText.default('./data'),
    MEDIA_DIR: optionalText,
    HTTP_HOST: optionalText.default('127.0.0.1'),
    HTTP_PORT: optionalText
      .default('8080')
      .pipe(
        z
          .string()
          .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
          .transform(Number)
          .pipe(z.number().max(65535, 'must be a port number from 0 to 65535')),
      ),
    TIMEZONE: optionalText.default('Asia/Ho_Chi_Minh').refine(isKnownTimeZone, {
      message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh',
    }),
    LOG_LEVEL: optionalText.default('info').pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456789:AA... (the token BotFather gave you)')
        .optional(),
    ),
    TELEGRAM_BOT_USERNAME: optionalText.pipe(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,}$/, 'must be the bot username without @').optional(),
    ),
    TELEGRAM_API_ROOT: optionalText.default('https://api.telegram.org').pipe(z.url({ message: 'must be a URL' })),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
        .optional(),
    ),
    PUBLIC_URL: optionalUrl('https://bot.example.vn'),
    ZALO_APP_ID: optionalText,
    ZALO_OA_SECRET_KEY: optionalText,
    ZALO_APP_SECRET: optionalText,
    ZALO_REFRESH_TOKEN: optionalText,
    ZALO_OA_ID: optionalText.pipe(z.string().regex(/^\d{5,25}$/, 'must be the Official Account id (digits)').optional()),
    ZALO_API_ROOT: optionalText.default('https://openapi.zalo.me').pipe(z.url({ message: 'must be a URL' })),
    ZALO_OAUTH_ROOT: optionalText.default('https://oauth.zaloapp.com').pipe(z.url({ message: 'must be a URL' })),
    ZALO_EVENT_WINDOW_MINUTES: optionalText
      .default('10')
      .pipe(
        z
          .string()
          .regex(/^\d{1,4}$/, 'must be a whole number of minutes, for example 10')
          .transform(Number)
          .pipe(z.number().min(1, 'must be at least 1 minute')),
      ),
    ZALO_TEMPLATE_IDS: optionalText.pipe(
      z
        .string()
        .regex(
          /^\s*[a-z-]+\s*=\s*[A-Za-z0-9_-]+\s*(,\s*[a-z-]+\s*=\s*[A-Za-z0-9_-]+\s*)*$/,
          'must list purpose=template id pairs, for example reminder=301234,digest=301235,default=301236',
        )
        .transform(parseTemplateIds)
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.PUBLIC_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'must be set when PUBLIC_URL is set, so Telegram can prove its webhook calls are genuine',
      });
    }
    const zaloKeys = ['ZALO_APP_ID', 'ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', 'ZALO_REFRESH_TOKEN'] as const;
    const present = zaloKeys.filter((key) => env[key] !== undefined);
    if (present.length > 0 && present.length < zaloKeys.length) {
      for (const key of zaloKeys.filter((k) => env[k] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `must be set together with ${present.join(', ')}` });
      }
    }
  });

/** "reminder=301234, default=301236" → { reminder: '301234', default: '301236' }. */
function parseTemplateIds(value: string): Record<string, string> {
  return Object.fromEntries(value.split(',').map((pair) => pair.split('=').map((part) => part.trim()) as [string, string]));
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The whole service configuration, read once at start (DESIGN.md §8). */
export interface Config {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** DATA_DIR: the embedded database, and in the terminal try-out its log (logs/) and exported files (exports/). */
  dataDir: string;
  http: { host: string; port: number };
  /** Where fetched photos and their variants are kept (the filesystem media store). */
  media: { dir: string };
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  telegram?: {
    token: string;
    apiRoot: string;
    webhookSecret?: string;
    publicUrl?: string;
  };
  zalo?: {
    appId: string;
    oaSecretKey: string;
    appSecret: string;
    refreshToken: string;
    apiRoot: string;
    oauthRoot: string;
    /** Template ids by purpose (a notice's kind: period-open, reminder, late-units, review, digest; or default). */
    templates: Record<string, string>;
    /** How far a signed event's timestamp may be from the server's clock, either side, to be accepted. */
    eventWindowMs: number;
  };
  /**
   * The web console's public address (PUBLIC_URL), for sign-in links; without it links point at
   * http://HTTP_HOST:HTTP_PORT. Cookies are Secure when it is https.
   */
  web: { publicUrl?: string; secureCookies: boolean };
  /**
   * The bot username for deep links (TELEGRAM_BOT_USERNAME), the one name for it: outside
   * `telegram`, since the CLI prints invitation links on machines without the token.
   */
  telegramUsername?: string;
  /** The Zalo Official Account's id (ZALO_OA_ID), for its follow link beside invitation codes. */
  zaloOaId?: string;
}

/** Raised when the environment does not describe a service we can start; never retryable. */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      context: { problems },
    });
  }
}

/**
 * Parses the environment once, at start. Every bad variable is named with what it expects,
 * so the person starting the service can fix them all in one go.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.') || 'environment';
      return `${variable} ${issue.message}${variable in env ? ` (got ${describeValue(variable, env[variable] ?? '')})` : ''}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    media: { dir: e.MEDIA_DIR ?? join(e.DATA_DIR, 'media') },
    timeZone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          publicUrl: e.PUBLIC_URL,
        }
      : undefined,
    zalo:
      e.ZALO_APP_ID && e.ZALO_OA_SECRET_KEY && e.ZALO_APP_SECRET && e.ZALO_REFRESH_TOKEN
        ? {
            appId: e.ZALO_APP_ID,
            oaSecretKey: e.ZALO_OA_SECRET_KEY,
            appSecret: e.ZALO_APP_SECRET,
            refreshToken: e.ZALO_REFRESH_TOKEN,
            apiRoot: e.ZALO_API_ROOT,
            oauthRoot: e.ZALO_OAUTH_ROOT,
            templates: e.ZALO_TEMPLATE_IDS ?? {},
            eventWindowMs: e.ZALO_EVENT_WINDOW_MINUTES * 60_000,
          }
        : undefined,
    web: { publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''), secureCookies: e.PUBLIC_URL?.startsWith('https:') ?? false },
    telegramUsername: e.TELEGRAM_BOT_USERNAME,
    zaloOaId: e.ZALO_OA_ID,
  };
}

/** The one place that touches process.env. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}

/** Variables whose values are secrets: a configuration error names them but never shows them. */
export const SECRET_VARIABLES: readonly string[] = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_REFRESH_TOKEN'];

/** What a configuration error may show of a value: a secret only by its length, a database URL without its password. */
function describeValue(variable: string, value: string): string {
  if (SECRET_VARIABLES.includes(variable)) return `a value of ${value.length} characters, not shown`;
  const shown = variable === 'DATABASE_URL' ? value.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@') : value;
  return `"${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}"`;
}

/**
 * Every secret the configuration holds (tokens, keys, the database password), for the logger to
 * scrub from each line it writes.
 */
export function secretsOf(config: Config): string[] {
  const secrets: (string | undefined)[] = [
    config.telegram?.token,
    config.telegram?.webhookSecret,
    config.zalo?.appSecret,
    config.zalo?.oaSecretKey,
    config.zalo?.refreshToken,
  ];
  if (config.database.kind === 'postgres') {
    const password = /\/\/[^:/@]+:([^@]*)@/.exec(config.database.url)?.[1];
    if (password) secrets.push(password, safeDecode(password));
  }
  return [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length > 0))];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
