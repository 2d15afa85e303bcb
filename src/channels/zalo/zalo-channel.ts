import { createHash } from 'node:crypto';
import type { Context as HonoContext } from 'hono';
import type { Config } from '../../config.js';
import { secretsMatch } from '../../core/constant-time.js';
import type { Logger } from '../../log.js';
import { recordBlocked } from '../../services/account-events.js';
import { InboxWorker } from '../../services/inbox-worker.js';
import type { Receive } from '../../services/receive.js';
import type { Database } from '../../storage/client.js';
import { storeWebhookEvent } from '../../storage/queries/webhook-inbox.js';
import type { WebhookInboxRow } from '../../storage/types.js';
import { isFreshZaloEvent, keyOfZaloEvent, readStoredZaloEvent, translateZaloEvent, zaloEventSchema, type ZaloEvent } from './translate-event.js';
import { ZaloApi } from './zalo-api.js';
import { ZaloSender } from './zalo-sender.js';
import { ZaloTokens } from './zalo-tokens.js';

export interface ZaloChannel {
  sender: ZaloSender;
  tokens: ZaloTokens;
  /** The Hono handler for POST /zalo/webhook. */
  webhook: (c: HonoContext) => Promise<Response>;
  /** Handles events left pending (a crash, another instance) and keeps sweeping. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every event received so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * The sending half of the adapter (API client, tokens shared through the database, sender),
 * for the running service and for one-shot commands such as `tick` alike.
 */
export function createZaloSender(
  config: NonNullable<Config['zalo']>,
  deps: { db: Database; now: () => Date },
): { sender: ZaloSender; tokens: ZaloTokens } {
  const api = new ZaloApi({ apiRoot: config.apiRoot, oauthRoot: config.oauthRoot, appId: config.appId, appSecret: config.appSecret });
  const tokens = new ZaloTokens(deps.db, api, { now: deps.now, configuredRefreshToken: config.refreshToken });
  return { sender: new ZaloSender(api, tokens, config.templates), tokens };
}

/**
 * The signature Zalo puts in X-ZEvent-Signature: "mac=" and the SHA-256 (plain, not HMAC) of
 * app id, raw body, the event's timestamp and the OA secret key, in that order.
 */
export function signZaloEvent(p: { appId: string; rawBody: string; timestamp: string; oaSecretKey: string }): string {
  return `mac=${createHash('sha256').update(p.appId + p.rawBody + p.timestamp + p.oaSecretKey).digest('hex')}`;
}

/**
 * The Zalo adapter. The webhook checks the signature on the raw bytes, stores the event
 * (de-duplicated by its message id, so Zalo's retries change nothing) and answers 200 at
 * once: Zalo disables a webhook that fails or is slow. The event is then handled by the same
 * inbound service as every channel, each follower's events in order, and the replies go out
 * through the outbox. A bad signature, an echo of our own message or an unknown event is
 * answered 200 too and dropped (a non-200 would only make Zalo retry or give up on us).
 */
export function createZaloChannel(
  config: NonNullable<Config['zalo']>,
  deps: { db: Database; sending: { sender: ZaloSender; tokens: ZaloTokens }; receive: Receive; log: Logger; now: () => Date },
): ZaloChannel {
  const { log } = deps;
  const { sender, tokens } = deps.sending;

  const handle = async (row: WebhookInboxRow) => {
    const meaning = translateZaloEvent(readStoredZaloEvent(row), row.receivedAt);
    switch (meaning.kind) {
      case 'inbound': {
        // Awaited, so one follower's replies leave in the order of their messages.
        await deps.receive(meaning.event, { replies: 'awaited' });
        return;
      }
      case 'unfollowed':
        return recordBlocked(deps.db, { channel: 'zalo', externalUserId: meaning.externalUserId, at: meaning.at });
      case 'ignored':
        return;
    }
  };
  const worker = new InboxWorker(deps.db, 'zalo', handle, { now: deps.now, log });
  const pending = new Set<Promise<void>>();

  const webhook = async (c: HonoContext): Promise<Response> => {
    const rawBody = await c.req.text();
    let event: ZaloEvent;
    try {
      event = zaloEventSchema.parse(JSON.parse(rawBody));
    } catch {
      log.warn({ bytes: rawBody.length }, 'Zalo webhook: a body that is not a Zalo event (a JSON object of its fields) was dropped');
      return c.json({ status: 'dropped' });
    }
    const expected = signZaloEvent({ appId: config.appId, rawBody, timestamp: String(event.timestamp ?? ''), oaSecretKey: config.oaSecretKey });
    if (!secretsMatch(c.req.header('x-zevent-signature') ?? '', expected)) {
      log.warn({ event: event.event_name }, 'Zalo webhook: an event with a wrong signature was dropped');
      return c.json({ status: 'dropped' });
    }
    if (!isFreshZaloEvent(event, deps.now(), config.eventWindowMs)) {
      log.warn({ event: event.event_name, skewMs: Number(event.timestamp) - deps.now().getTime() || null }, 'Zalo webhook: an event outside the freshness window was dropped');
      return c.json({ status: 'dropped' });
    }
    const key = keyOfZaloEvent(event);
    if (!key) return c.json({ status: 'ignored' });
    const row = await storeWebhookEvent(deps.db, { channel: 'zalo', ...key, event, receivedAt: deps.now() });
    if (row) {
      const done = worker.enqueue(row);
      pending.add(done);
      void done.finally(() => pending.delete(done));
    }
    return c.json({ status: row ? 'accepted' : 'duplicate' });
  };

  return {
    sender,
    tokens,
    webhook,
    start: async () => {
      await tokens.init();
      worker.start();
      log.info('Zalo: webhook expected at POST /zalo/webhook');
    },
    stop: () => worker.stop(),
    idle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
