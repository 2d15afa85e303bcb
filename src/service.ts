import type { Config } from './config.js';
import { DEFAULT_QUESTION_SET } from './core/checkin/question-set.js';
import { createHttpApp } from './http/app.js';
import { startHttpServer } from './http/server.js';
import type { Logger } from './log.js';
import { seedDemo } from './services/seed-demo.js';
import { openDatabase, redactUrl, type DatabaseHandle } from './storage/client.js';
import { runMigrations } from './storage/migrate.js';
import { countUnits } from './storage/queries/org-units.js';
import { ensureDefaultQuestionSet } from './storage/queries/question-sets.js';

export interface RunningService {
  url: string;
  database: DatabaseHandle;
  /** Stops taking requests, lets the ones in flight finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Wires the service together from a parsed config: database, migrations, first-run demo data,
 * HTTP. Everything it does is said in the log, ending with what to configure next.
 */
export async function startService(config: Config, deps: { log: Logger; now: () => Date }): Promise<RunningService> {
  const { log } = deps;
  const where = config.database.kind === 'postgres' ? `PostgreSQL at ${redactUrl(config.database.url)}` : `embedded PGlite in ${config.database.dataDir}`;
  log.info(`Opening the database: ${where}`);
  const database = await openDatabase(config.database, {
    onIdleClientError: (error) => log.warn({ err: error }, 'an idle database connection was closed by the server'),
  });
  try {
    const migration = await runMigrations(database);
    log.info(
      migration.applied > 0
        ? `Applied ${migration.applied} database migration(s); schema is at ${migration.known}`
        : `Database schema is up to date (${migration.known} migrations)`,
    );
    await ensureDefaultQuestionSet(database.db, DEFAULT_QUESTION_SET);
    if ((await countUnits(database.db)) === 0) {
      const seeded = await seedDemo(database.db, { now: deps.now(), timeZone: config.timeZone });
      if (seeded) {
        log.info(
          seeded,
          `First run: loaded demo data (${seeded.units} units from Kon Tum, An Giang and Lai Châu, ${seeded.reports} monthly reports). Load your own with: npm run cli -- import <file>`,
        );
      }
    }
    const server = await startHttpServer(createHttpApp({ database, log }), config.http);
    log.info(`Listening on ${server.url} (health check: ${server.url}/healthz)`);
    for (const hint of nextSteps(config)) log.info(hint);
    return {
      url: server.url,
      database,
      stop: async () => {
        await server.close();
        await database.close();
        log.info('Stopped');
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** What is not configured yet, said plainly so a newcomer knows the next step. */
function nextSteps(config: Config): string[] {
  const hints: string[] = [];
  if (!config.telegram) {
    hints.push('Telegram is off: set TELEGRAM_BOT_TOKEN (from @BotFather) and TELEGRAM_BOT_USERNAME to talk to secretaries on Telegram.');
  } else if (!config.telegram.webhookSecret) {
    hints.push('Telegram: no TELEGRAM_WEBHOOK_SECRET, so updates will be fetched by long polling.');
  }
  if (!config.zalo) {
    hints.push('Zalo is off: set ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY and ZALO_REFRESH_TOKEN to use the Official Account.');
  }
  if (config.database.kind === 'pglite') {
    hints.push('Using the embedded database; set DATABASE_URL=postgres://... to run on a PostgreSQL server.');
  }
  hints.push('Invite a secretary: npm run cli -- invite KT.KONRAY.HKL   (all commands: npm run cli -- --help)');
  return hints;
}
