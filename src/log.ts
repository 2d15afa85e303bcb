import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger for the process: JSON lines for machines (and when output is piped),
 * short readable lines when a person watches a terminal. `LOG_LEVEL=silent` keeps tests quiet.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const target = destination ?? (process.stdout.isTTY ? readableLines(process.stdout) : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    target,
  );
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
