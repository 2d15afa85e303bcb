import { Bot } from 'grammy';
import type { Config } from '../config.js';
import type { ChannelKind } from '../core/domain.js';
import type { Database } from '../storage/client.js';
import type { ChannelSender } from './channel.js';
import { TelegramSender } from './telegram/telegram-sender.js';
import { ZaloApi } from './zalo/zalo-api.js';
import { ZaloSender } from './zalo/zalo-sender.js';
import { ZaloTokens } from './zalo/zalo-tokens.js';

/**
 * Senders for the configured channels, without receiving anything: for one-shot commands such
 * as `tick`. Zalo's token lives in the database, shared with the running service.
 */
export async function createSenders(config: Config, deps: { db: Database; now: () => Date }): Promise<Map<ChannelKind, ChannelSender>> {
  const senders = new Map<ChannelKind, ChannelSender>();
  if (config.telegram) senders.set('telegram', new TelegramSender(new Bot(config.telegram.token, { client: { apiRoot: config.telegram.apiRoot } }).api));
  if (config.zalo) {
    const z = config.zalo;
    const api = new ZaloApi({ apiRoot: z.apiRoot, oauthRoot: z.oauthRoot, appId: z.appId, appSecret: z.appSecret });
    const tokens = new ZaloTokens(deps.db, api, { now: deps.now, configuredRefreshToken: z.refreshToken });
    await tokens.init();
    senders.set('zalo', new ZaloSender(api, tokens, z.templates));
  }
  return senders;
}
