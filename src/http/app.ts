import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from '../log.js';
import type { DatabaseHandle } from '../storage/client.js';

export interface HttpDependencies {
  database: DatabaseHandle;
  log: Logger;
  /** The Telegram webhook handler, when Telegram runs in webhook mode. */
  telegramWebhook?: (c: Context) => Promise<Response>;
  /** The Zalo OA webhook handler, when Zalo is configured. */
  zaloWebhook?: (c: Context) => Promise<Response>;
}

/** Channel updates are small; anything bigger is refused before it is read whole. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * The HTTP surface: /healthz today, the channels' webhooks as they arrive. One error boundary:
 * an unexpected failure is logged with its cause and answered 500 without internals.
 */
export function createHttpApp(deps: HttpDependencies): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    try {
      await deps.database.ping();
      return c.json({ status: 'ok', database: deps.database.engine });
    } catch (error) {
      deps.log.warn({ err: error }, 'health check: database unreachable');
      return c.json({ status: 'unavailable', database: deps.database.engine }, 503);
    }
  });

  const telegramWebhook = deps.telegramWebhook;
  if (telegramWebhook) {
    app.post(
      '/telegram/webhook',
      bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }),
      (c) => telegramWebhook(c),
    );
  }

  const zaloWebhook = deps.zaloWebhook;
  if (zaloWebhook) {
    app.post(
      '/zalo/webhook',
      bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }),
      (c) => zaloWebhook(c),
    );
  }

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error in HTTP handler');
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}
