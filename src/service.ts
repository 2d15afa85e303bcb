import type { Config } from './config.js';
import { DEFAULT_QUESTION_SET } from './core/checkin/question-set.js';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ChannelSender } from './delivery/port.js';
import { ConsoleChannel } from './channels/console/console-channel.js';
import { createTelegramChannel, createTelegramSender, type TelegramChannel } from './channels/telegram/telegram-bot.js';
import { createZaloChannel, createZaloSender, type ZaloChannel } from './channels/zalo/zalo-channel.js';
import { createTelegramPhotoSource } from './channels/telegram/telegram-photo-source.js';
import { createZaloPhotoSource } from './channels/zalo/zalo-photo-source.js';
import { FsMediaStore } from './media/fs-media-store.js';
import type { MediaStore } from './media/media-store.js';
import type { PhotoSource } from './media/photo-source.js';
import { runConsoleSession } from './channels/console/console-session.js';
import type { ChannelKind } from './core/domain.js';
import { vi } from './core/messages/vi.js';
import { createHttpApp } from './http/app.js';
import { startHttpServer } from './http/server.js';
import { createWebApp } from './web/web-app.js';
import { createPhotoRoutes } from './web/photo-route.js';
import type { Logger } from './log.js';
import { Scheduler } from './jobs/scheduler.js';
import { bindDemoAccount } from './services/demo-accounts.js';
import { OutboxDispatcher } from './delivery/dispatcher.js';
import { ExportJobRunner } from './services/export-job.js';
import { createReceiver, type Receive } from './services/receive.js';
import { PhotoFetcher } from './services/photo-fetcher.js';
import { seedDemo, topUpDemo } from './services/seed-demo.js';
import { openDatabase, redactUrl, type DatabaseHandle } from './storage/client.js';
import { runMigrations } from './storage/migrate.js';
import { countUnits } from './storage/queries/org-units.js';
import { ensureDefaultQuestionSet } from './storage/queries/question-sets.js';

export interface RunningService {
  url: string;
  database: DatabaseHandle;
  dispatcher: OutboxDispatcher;
  /** Where photos are kept (one instance, shared by the fetch job and the web console's photo route). */
  mediaStore: MediaStore;
  /** The photo fetch job (tests nudge it and wait for its rows). */
  photoFetcher: PhotoFetcher;
  /** The Zalo channel, when configured (tests wait on its idle()). */
  zalo?: ZaloChannel;
  /** The Telegram channel, when configured (tests wait on connected(), retry failed updates). */
  telegram?: TelegramChannel;
  /** Resolves when the terminal conversation ends (only in console mode). */
  consoleDone?: Promise<void>;
  /** Runs the scheduler's tick now, at the service's clock (tests drive the schedule with it). */
  tick(): Promise<void>;
  /** Stops taking requests, lets the ones in flight finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Wires the service together from a parsed config: database, migrations, first-run demo data,
 * HTTP. Everything it does is said in the log, ending with what to configure next.
 */
export async function startService(
  config: Config,
  deps: {
    log: Logger;
    now: () => Date;
    console?: ConsoleStreams;
    /** False leaves the scheduled jobs off (a test of a conversation, where a reminder would land mid-way); on by default. */
    scheduler?: boolean;
  },
): Promise<RunningService> {
  const { log } = deps;
  const where = config.database.kind === 'postgres' ? `PostgreSQL at ${redactUrl(config.database.url)}` : `embedded PGlite in ${config.database.dataDir}`;
  log.info(`Opening the database: ${where}`);
  const database = await openDatabase(config.database, {
    holder: 'npm start',
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
    } else {
      const added = await topUpDemo(database.db, { now: deps.now(), timeZone: config.timeZone });
      if (added) log.info(`Demo data played on to today: ${added} more monthly report(s) the demo units would have sent since the last start`);
    }
    // Sign-in links point at PUBLIC_URL, else at the address the server is bound to (known once it listens).
    let webBase = config.web.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
    const webBaseUrl = () => webBase;
    const senders = new Map<ChannelKind, ChannelSender>();
    const consoleChannel = deps.console ? new ConsoleChannel(deps.console.output, `console-${deps.now().getTime()}`, consoleFilesDir(config)) : undefined;
    if (consoleChannel) senders.set('console', consoleChannel);
    const telegramSender = config.telegram ? createTelegramSender(config.telegram) : undefined;
    if (telegramSender) senders.set('telegram', telegramSender);
    const zaloSending = config.zalo ? createZaloSender(config.zalo, { db: database.db, now: deps.now }) : undefined;
    if (zaloSending) senders.set('zalo', zaloSending.sender);
    const dispatcher = new OutboxDispatcher(database.db, senders, {
      now: deps.now,
      log,
      timeZone: config.timeZone,
      recordsDb: database.relaxed,
    });
    const exportJobs = new ExportJobRunner(database.db, { dispatcher, now: deps.now, timeZone: config.timeZone, log });
    const mediaStore: MediaStore = new FsMediaStore(config.media.dir);
    const photoSources = new Map<ChannelKind, PhotoSource>();
    if (config.telegram) photoSources.set('telegram', createTelegramPhotoSource(config.telegram));
    if (config.zalo) photoSources.set('zalo', createZaloPhotoSource());
    const photoFetcher = new PhotoFetcher(database.db, { store: mediaStore, sources: photoSources, now: deps.now, log });
    // A photo is fetched as soon as it arrives: the receive path nudges the fetcher.
    const receive = createReceiver({ db: database.db, dispatcher, exports: exportJobs, timeZone: config.timeZone, log, webBaseUrl, photoArrived: () => photoFetcher.nudge() });
    const telegram = config.telegram && telegramSender ? createTelegramChannel(config.telegram, { db: database.db, sender: telegramSender, receive, log, now: deps.now }) : undefined;
    const zalo = config.zalo && zaloSending ? createZaloChannel(config.zalo, { db: database.db, sending: zaloSending, receive, log, now: deps.now }) : undefined;
    dispatcher.start();
    exportJobs.start();
    const scheduler = new Scheduler(database.db, { now: deps.now, timeZone: config.timeZone, log, dispatcher });
    if (deps.scheduler !== false) scheduler.start();
    photoFetcher.start();
    const web = createWebApp({
      db: database.db, log, timeZone: config.timeZone, now: deps.now, secureCookies: config.web.secureCookies, baseUrl: webBaseUrl, exports: exportJobs,
      // Tổng quan's figures are shared by the viewers of a unit for 15 s (a report sent from a chat shows within that).
      overviewCacheMs: 15_000,
      telegramUsername: config.telegramUsername, zaloOaId: config.zaloOaId,
      photoRoutes: (resolveScopePaths) => createPhotoRoutes({ db: database.db, store: mediaStore, resolveScopePaths }),
    });
    const server = await startHttpServer(createHttpApp({ database, log, telegramWebhook: telegram?.webhook, zaloWebhook: zalo?.webhook, web }), config.http);
    if (!config.web.publicUrl) webBase = server.url;
    log.info(`Web console: ${webBase}/ (sign in with /web in a chat, or npm run cli -- web-link <unit-code> --role admin)`);
    log.info(`Listening on ${server.url} (health check: ${server.url}/healthz)`);
    try {
      await telegram?.start();
      await zalo?.start();
    } catch (error) {
      await server.close();
      await telegram?.stop();
      await zalo?.stop();
      await photoFetcher.stop();
      await scheduler.stop();
      await exportJobs.stop();
      await dispatcher.stop();
      throw error;
    }
    for (const hint of nextSteps(config)) log.info(hint);
    const consoleDone = consoleChannel && deps.console ? startConsole(database, consoleChannel, receive, deps.console, { ...deps, timeZone: config.timeZone, filesDir: consoleFilesDir(config) }) : undefined;
    return {
      url: server.url,
      database,
      dispatcher,
      mediaStore,
      photoFetcher,
      ...(zalo ? { zalo } : {}),
      ...(telegram ? { telegram } : {}),
      consoleDone,
      tick: () => scheduler.tickOnce(),
      stop: async () => {
        await server.close();
        await telegram?.stop();
        await zalo?.stop();
        await photoFetcher.stop();
        await scheduler.stop();
        await exportJobs.stop();
        await dispatcher.stop();
        await database.close();
        log.info('Stopped');
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** The terminal a person tries the bot in, and where its log lines go instead (said on screen). */
export interface ConsoleStreams {
  input: Readable;
  output: Writable;
  logFile?: string;
}

/** Where the terminal try-out writes the files it is sent (exports, charts): DATA_DIR/exports. */
export function consoleFilesDir(config: Config): string {
  return resolve(config.dataDir, 'exports');
}

/** Where the service logs while the terminal is a chat: DATA_DIR/logs/service.log. */
export function consoleLogFile(config: Config): string {
  return resolve(config.dataDir, 'logs', 'service.log');
}

/** The terminal conversation, signed in as a demo secretary, starting with /baocao. */
async function startConsole(
  database: DatabaseHandle,
  channel: ConsoleChannel,
  receive: Receive,
  streams: ConsoleStreams,
  deps: { log: Logger; now: () => Date; timeZone: string; filesDir: string },
): Promise<void> {
  const user = await bindDemoAccount(database.db, { channel: 'console', role: 'secretary', at: deps.now(), timeZone: deps.timeZone });
  if (!user) {
    deps.log.warn('Console: no secretary in the database to sign in as; import your organisation first.');
    return;
  }
  const notes = [vi.console.welcome(user.displayName, user.unitName), ...(streams.logFile ? [vi.console.logsAt(streams.logFile)] : []), vi.console.filesAt(deps.filesDir)];
  streams.output.write(`\n${notes.join('\n')}\n`);
  await runConsoleSession({ channel, receive, input: streams.input, output: streams.output, user, now: deps.now, log: deps.log, firstLine: '/baocao' });
}

/** What is not configured yet, said plainly so a newcomer knows the next step. */
function nextSteps(config: Config): string[] {
  const hints: string[] = [];
  if (!config.telegram) {
    hints.push('Telegram is off: set TELEGRAM_BOT_TOKEN (from @BotFather) and TELEGRAM_BOT_USERNAME to talk to secretaries on Telegram. Until then, run npm start in a terminal to try the conversation there.');
  } else if (!config.telegram.webhookSecret) {
    hints.push('Telegram: no TELEGRAM_WEBHOOK_SECRET, so updates will be fetched by long polling.');
  }
  if (!config.zalo) {
    hints.push('Zalo is off: set ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY and ZALO_REFRESH_TOKEN to use the Official Account.');
  } else if (Object.keys(config.zalo.templates).length === 0) {
    hints.push('Zalo: no ZALO_TEMPLATE_IDS, so followers silent for more than 48 hours cannot be reminded until they write again.');
  }
  if (config.database.kind === 'pglite') {
    hints.push('Using the embedded database; set DATABASE_URL=postgres://... to run on a PostgreSQL server.');
  }
  hints.push('Invite a secretary: npm run cli -- invite KT.KONRAY.HKL   (all commands: npm run cli -- --help)');
  return hints;
}
