import { Hono, type Context, type MiddlewareHandler } from 'hono';
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
  /** The web console: every path the routes above do not take (it has its own 404 and error pages). */
  web?: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };
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
      webhookBodyLimit(WEBHOOK_BODY_LIMIT),
      (c) => telegramWebhook(c),
    );
  }

  const zaloWebhook = deps.zaloWebhook;
  if (zaloWebhook) {
    app.post(
      '/zalo/webhook',
      webhookBodyLimit(WEBHOOK_BODY_LIMIT),
      (c) => zaloWebhook(c),
    );
  }

  const web = deps.web;
  if (web) app.all('*', (c) => web.fetch(c.req.raw, c.env));

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error in HTTP handler');
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}

/**
 * Refuses a body over `maxSize` with 413. A request that announces its length (Telegram and Zalo
 * do; Node's parser holds the body to it) is judged by that header alone, before the body is
 * read, and the handler then reads the body once, as it came: Hono's bodyLimit would first make
 * a web Request with a body stream for every update, a cost per answer the check does not need.
 * A body without a length (chunked) goes through Hono's bodyLimit, which counts bytes as they come.
 */
function webhookBodyLimit(maxSize: number): MiddlewareHandler {
  const tooLarge = (c: Context) => c.json({ error: 'payload_too_large' }, 413);
  const counting = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    if (Number.parseInt(length, 10) > maxSize) return tooLarge(c);
    await next();
  };
}
