import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger for the process. JSON lines in production; the same lines are easy to
 * read in a terminal, and `LOG_LEVEL=silent` keeps tests quiet.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
