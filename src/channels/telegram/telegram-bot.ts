import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { timingSafeEqual } from 'node:crypto';
import { Api, Bot, webhookCallback } from 'grammy';
import type { Context as HonoContext } from 'hono';
import type { Config } from '../../config.js';
import { COMMAND_MENU } from '../../core/checkin/commands.js';
import type { Logger } from '../../log.js';
import { recordBlocked, recordChatMigrated, recordReturned } from '../../services/account-events.js';
import type { Receive } from '../../services/receive.js';
import type { Database } from '../../storage/client.js';
import { TelegramSender } from './telegram-sender.js';
import { translateUpdate } from './translate-update.js';

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
  /** Connects: registers commands, then the webhook (PUBLIC_URL) or starts long polling. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Telegram adapter: grammY receives updates (webhook or long polling, ordered per chat),
 * each is translated and handed to the same inbound service as every channel, and replies go
 * out through the outbox. Callback queries are always answered and the tapped keyboard removed.
 */
export function createTelegramChannel(
  config: NonNullable<Config['telegram']>,
  deps: { db: Database; sender: TelegramSender; receive: Receive; log: Logger },
): TelegramChannel {
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  const { sender } = deps;
  const api = sender.api;
  const { log } = deps;
  const polling = !config.webhookSecret;
  if (polling) bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));

  bot.use(async (ctx) => {
    const meaning = translateUpdate(ctx.update);
    switch (meaning.kind) {
      case 'inbound': {
        const { callback } = meaning;
        // Replies are stored before the webhook answers and sent after, in the background.
        await deps.receive(meaning.event, {
          replies: 'fire-and-forget',
          beforeSending: callback ? () => clearTappedKeyboard(api, callback, log) : undefined,
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
  });
  bot.catch((error) => {
    log.error({ err: error.error, updateId: error.ctx.update.update_id }, 'handling a Telegram update failed');
    // Rethrown so a webhook answers 500 and Telegram redelivers; the update id makes that safe.
    throw error.error;
  });

  let runner: RunnerHandle | undefined;
  return {
    sender,
    webhook: config.webhookSecret ? guardedWebhook(bot, config.webhookSecret) : undefined,
    start: async () => {
      await bot.init();
      await bot.api.setMyCommands(COMMAND_MENU.map((c) => ({ command: c.command, description: c.description })));
      if (!polling) {
        if (config.publicUrl) {
          const url = `${config.publicUrl.replace(/\/$/, '')}/telegram/webhook`;
          await bot.api.setWebhook(url, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
          log.info(`Telegram: webhook registered at ${url} for @${bot.botInfo.username}`);
        } else {
          log.info(`Telegram: webhook mode for @${bot.botInfo.username}; updates are expected at POST /telegram/webhook`);
        }
        return;
      }
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      log.info(`Telegram: long polling as @${bot.botInfo.username}`);
    },
    stop: async () => {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}

/** A tap is always answered, and the tapped keyboard removed, so an old button cannot answer twice. */
async function clearTappedKeyboard(api: Api, callback: { id: string; chatId: number; messageId: number | undefined }, log: Logger): Promise<void> {
  await api.answerCallbackQuery(callback.id).catch((error: unknown) => log.debug({ err: error }, 'answerCallbackQuery failed'));
  if (callback.messageId !== undefined) {
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
  const expected = Buffer.from(secret);
  return async (c) => {
    const given = Buffer.from(c.req.header('x-telegram-bot-api-secret-token') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.json({ error: 'unauthorized' }, 401);
    // Hono keeps the parsed body, so grammY reads this same object without parsing again.
    const body: unknown = await c.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Number.isSafeInteger((body as { update_id?: unknown }).update_id)) {
      return c.json({ error: 'bad_request' }, 400);
    }
    return handle(c);
  };
}
