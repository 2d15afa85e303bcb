import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Api, Bot, GrammyError, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { describeError } from '../../core/errors.js';
import type { Context as HonoContext } from 'hono';
import type { Config } from '../../config.js';
import { COMMAND_MENU } from '../../core/checkin/commands.js';
import { secretsMatch } from '../../core/constant-time.js';
import type { Logger } from '../../log.js';
import { recordBlocked, recordChatMigrated, recordReturned } from '../../services/account-events.js';
import { InboxWorker } from '../../services/inbox-worker.js';
import type { Receive } from '../../services/receive.js';
import { retryInBackground } from '../../services/retry-in-background.js';
import type { Database } from '../../storage/client.js';
import { storeFailedWebhookEvent } from '../../storage/queries/webhook-inbox.js';
import { TelegramSender } from './telegram-sender.js';
import { readStoredUpdate, translateUpdate } from './translate-update.js';

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/**
 * How long one Bot API call we make may take before it counts as failed and is retried: grammY's
 * default is 500 s, so a hung connection would hold a sender (and the paced queue) for minutes.
 */
export const TELEGRAM_REQUEST_TIMEOUT_SECONDS = 15;

/** The sending half: its own Bot API client with a short timeout (the bot's keeps grammY's, which long polling needs). */
export function createTelegramSender(config: NonNullable<Config['telegram']>): TelegramSender {
  return new TelegramSender(new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: TELEGRAM_REQUEST_TIMEOUT_SECONDS }));
}

export interface TelegramChannel {
  sender: TelegramSender;
  /** The Hono handler for POST /telegram/webhook, when a webhook secret is configured. */
  webhook?: (c: HonoContext) => Promise<Response>;
  /**
   * Connects: checks the token (getMe; the one thing without which nothing works), then, in the
   * background and retried until they succeed, sets the command menu and registers the webhook
   * (PUBLIC_URL) or starts long polling.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the background start-up steps have succeeded (tests). */
  connected(): Promise<void>;
  /** Tries the updates whose handling failed again now (the sweep does it every 5 s); how many it tried. */
  retryFailedUpdates(): Promise<number>;
}

/**
 * The Telegram adapter: grammY receives updates (webhook or long polling, ordered per chat),
 * each is translated and handed to the same inbound service as every channel, and replies go
 * out through the outbox. Callback queries are always answered and the tapped keyboard removed.
 */
export function createTelegramChannel(
  config: NonNullable<Config['telegram']>,
  deps: { db: Database; sender: TelegramSender; receive: Receive; log: Logger; now: () => Date },
): TelegramChannel {
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  const { sender } = deps;
  const api = sender.api;
  const { log } = deps;
  const polling = !config.webhookSecret;
  if (polling) bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));

  /** One update, translated and handed to the services; what it queued is sent right after. */
  const handleUpdate = async (update: Update): Promise<void> => {
    const meaning = translateUpdate(update, deps.now());
    switch (meaning.kind) {
      case 'inbound': {
        const { callback } = meaning;
        // Replies are stored before the webhook answers and sent after, in the background.
        await deps.receive(meaning.event, {
          replies: 'fire-and-forget',
          beforeSending: callback ? () => clearTappedKeyboard(api, callback, meaning.event.chatKind !== 'group', log) : undefined,
        });
        return;
      }
      case 'blocked':
        return recordBlocked(deps.db, { channel: 'telegram', externalUserId: meaning.externalUserId, at: meaning.at });
      case 'unblocked':
        return recordReturned(deps.db, { channel: 'telegram', ...meaning.event.from, at: meaning.event.receivedAt });
      case 'chat_migrated':
        return recordChatMigrated(deps.db, { channel: 'telegram', fromChatId: meaning.fromChatId, toChatId: meaning.toChatId });
      case 'ignored':
        return;
    }
  };

  // Updates whose handling failed are kept in the inbox and tried again by its sweep; after a
  // few tries one is set aside with its error, so one bad update never blocks a person's next.
  const retries = new InboxWorker(deps.db, 'telegram', (row) => handleUpdate(readStoredUpdate(row)), { now: deps.now, log });

  bot.use(async (ctx) => {
    try {
      await handleUpdate(ctx.update);
    } catch (error) {
      const senderId = String(ctx.from?.id ?? ctx.chat?.id ?? 'unknown');
      // Kept for the sweep, then acknowledged. If even that fails (the database is down), the
      // error goes on to bot.catch and the webhook answers 500: Telegram delivers it again.
      await storeFailedWebhookEvent(deps.db, {
        channel: 'telegram', externalId: String(ctx.update.update_id), senderId, event: ctx.update, receivedAt: deps.now(), error: describeError(error),
      });
      log.warn({ err: error, updateId: ctx.update.update_id }, 'handling a Telegram update failed; kept to try again');
    }
  });
  bot.catch((error) => {
    log.error({ err: error.error, updateId: error.ctx.update.update_id }, 'handling a Telegram update failed');
    // Rethrown so a webhook answers 500 and Telegram redelivers; the update id makes that safe.
    throw error.error;
  });

  let runner: RunnerHandle | undefined;
  const stopping = new AbortController();
  /** Registers the webhook (PUBLIC_URL) or starts long polling, retried until it works. */
  const startReceiving = async (): Promise<void> => {
    if (!polling) {
      if (!config.publicUrl) {
        log.info(`Telegram: webhook mode for @${bot.botInfo.username}; updates are expected at POST /telegram/webhook`);
        return;
      }
      const url = `${config.publicUrl.replace(/\/$/, '')}/telegram/webhook`;
      await keepTrying('registering the Telegram webhook', async () => {
        await bot.api.setWebhook(url, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
        log.info(`Telegram: webhook registered at ${url} for @${bot.botInfo.username}`);
      });
      return;
    }
    if (!(await keepTrying('removing the Telegram webhook before long polling', () => bot.api.deleteWebhook()))) return;
    runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    log.info(`Telegram: long polling as @${bot.botInfo.username}`);
  };
  let connecting: Promise<void> = Promise.resolve();
  const keepTrying = (what: string, step: () => Promise<unknown>) => retryInBackground(what, step, { log, signal: stopping.signal });
  return {
    sender,
    webhook: config.webhookSecret ? guardedWebhook(bot, config.webhookSecret) : undefined,
    start: async () => {
      // A token Telegram refuses is fatal (nothing can work); a Bot API we cannot reach yet is not:
      // the rest of the service runs, and Telegram connects when it can.
      try {
        bot.botInfo = await api.getMe();
      } catch (error) {
        if (error instanceof GrammyError && error.error_code !== 429 && error.error_code < 500) throw error;
        log.warn({ err: error }, 'Telegram: the Bot API cannot be reached yet; the service runs and keeps trying');
      }
      retries.start();
      connecting = (async () => {
        if (!bot.isInited() && !(await keepTrying('reaching the Telegram Bot API (getMe)', async () => (bot.botInfo = await api.getMe())))) return;
        // The command menu is a nicety: a Bot API that refuses it must not stop the service.
        const commands = keepTrying('setting the Telegram command menu', () =>
          bot.api.setMyCommands(COMMAND_MENU.map((c) => ({ command: c.command, description: c.description }))),
        );
        await Promise.all([commands, startReceiving()]);
      })();
    },
    stop: async () => {
      stopping.abort();
      await connecting.catch(() => undefined);
      if (runner?.isRunning()) await runner.stop();
      await retries.stop();
    },
    connected: () => connecting,
    retryFailedUpdates: () => retries.sweep(0),
  };
}

/** A tap is always answered, and the tapped keyboard removed, so an old button cannot answer twice. */
async function clearTappedKeyboard(
  api: Api,
  callback: { id: string; chatId: number; messageId: number | undefined },
  removeKeyboard: boolean,
  log: Logger,
): Promise<void> {
  await api.answerCallbackQuery(callback.id).catch((error: unknown) => log.debug({ err: error }, 'answerCallbackQuery failed'));
  // In a group the bot never touches the message (it is not a conversation there).
  if (removeKeyboard && callback.messageId !== undefined) {
    await api
      .editMessageReplyMarkup(callback.chatId, callback.messageId, { reply_markup: { inline_keyboard: [] } })
      .catch((error: unknown) => log.debug({ err: error }, 'removing the keyboard failed'));
  }
}

/**
 * grammY's webhook handler behind two checks of our own: the secret first (401, nothing read),
 * then the body must be a JSON object with a numeric update_id (400: a malformed request is the
 * sender's mistake, not a 500 that invites a redelivery). An update that takes longer than 8 s
 * is answered 500, never 200: only a stored update may be acknowledged, and its redelivery is
 * de-duplicated by update_id.
 */
function guardedWebhook(bot: Bot, secret: string): (c: HonoContext) => Promise<Response> {
  const handle = webhookCallback(bot, 'hono', { secretToken: secret, onTimeout: 'throw', timeoutMilliseconds: 8000 }) as unknown as (c: HonoContext) => Promise<Response>;
  return async (c) => {
    if (!secretsMatch(c.req.header('x-telegram-bot-api-secret-token') ?? '', secret)) return c.json({ error: 'unauthorized' }, 401);
    // Hono keeps the parsed body, so grammY reads this same object without parsing again.
    const body: unknown = await c.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Number.isSafeInteger((body as { update_id?: unknown }).update_id)) {
      return c.json({ error: 'bad_request' }, 400);
    }
    return handle(c);
  };
}
