import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export type { Logger };

/** What stands in for a secret in a log line. */
export const REDACTED = '[redacted]';

/**
 * Secrets we know the shape of even when they are not configured here: a Bot API token (in a
 * request URL, `bot123456:AA…`), and a password in a connection URL.
 */
const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;
const URL_PASSWORD_PATTERN = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"]+:)[^@\s"]+@/gi;

/** Keys of a thrown error that carry what a person wrote (a query's parameters, a request's payload, an update). */
const CONTENT_KEYS = new Set(['params', 'parameters', 'payload', 'update', 'ctx', 'body', 'detail']);

/**
 * Replaces every known secret (raw, URL-encoded and JSON-escaped), every Bot API token and every
 * password in a URL by [redacted]. Used on each log line as it is written, so no path (an error's
 * message, its cause, a URL inside it) can leak one.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join(REDACTED);
  }
  return out.replace(TOKEN_PATTERN, REDACTED).replace(URL_PASSWORD_PATTERN, `$1${REDACTED}@`);
}

/**
 * An error as a log line shows it: name, message, stack and cause chain (pino's serializer), but
 * without what a person wrote: a failed query's parameters (names, texts) and a Bot API call's
 * payload are dropped, and the "params:" part of a query error's message is cut.
 */
export function serializeError(error: unknown): unknown {
  const seen = new WeakSet<object>();
  const clean = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value !== 'object' || depth > 6) return typeof value === 'string' ? cutParams(value) : value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = CONTENT_KEYS.has(key) ? REDACTED : clean(v, depth + 1);
    return out;
  };
  return clean(error instanceof Error ? pino.stdSerializers.err(error) : error, 0);
}

/** A query error's "params:" part, and a value PostgreSQL quotes back when it refuses it. */
function cutParams(text: string): string {
  return text
    .replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, `\nparams: ${REDACTED}`)
    .replace(/(invalid input (?:syntax|value) for [^:\n]*: )"[^"\n]*"/g, `$1"${REDACTED}"`);
}

/**
 * One structured logger for the process: JSON lines for machines (and when output is piped),
 * short readable lines when a person watches a terminal. `LOG_LEVEL=silent` keeps tests quiet.
 * Every line is scrubbed of `secrets` (the configured tokens and passwords) before it is written,
 * and errors are logged without the contents of what failed (see serializeError).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream, options: { secrets?: readonly string[] } = {}): Logger {
  const target = destination ?? (process.stdout.isTTY ? readableLines(process.stdout) : pino.destination({ dest: 1, sync: true }));
  return pino(loggerOptions(level, options.secrets), target);
}

/**
 * The logger while the terminal is a chat (the try-out with no bot token): every line at `level`
 * goes to `file` (created with its folder), and only warnings and errors show in the terminal, so
 * log lines do not land in the middle of the conversation. Scrubbed as createLogger's lines are.
 */
export function createConsoleModeLogger(level: string, streams: { file: string; terminal: NodeJS.WritableStream }, options: { secrets?: readonly string[] } = {}): Logger {
  mkdirSync(dirname(streams.file), { recursive: true });
  return pino(
    loggerOptions(level, options.secrets),
    pino.multistream([
      { level: level === 'silent' ? 'fatal' : (level as pino.Level), stream: pino.destination({ dest: streams.file, sync: true, append: true }) },
      { level: 'warn', stream: readableLines(streams.terminal) },
    ]),
  );
}

/** What every logger of the process shares: the level, ISO times, and lines scrubbed of secrets and contents. */
function loggerOptions(level: string, secretList: readonly string[] = []): pino.LoggerOptions {
  const secrets = [...secretList].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
    hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
  };
}

/** "13:54:25 INFO  Listening on http://127.0.0.1:8080" instead of a JSON object. */
function readableLines(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const { level, time, msg, err, ...rest } = JSON.parse(line) as Record<string, unknown>;
          const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
          const error = err && typeof err === 'object' && 'stack' in err ? `\n${String((err as { stack: unknown }).stack)}` : '';
          out.write(`${String(time).slice(11, 19)} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? '')}${extra}${error}\n`);
        } catch {
          out.write(`${line}\n`);
        }
      }
      done();
    },
  });
}
