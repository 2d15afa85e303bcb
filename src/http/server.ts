import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { AppError } from '../core/errors.js';

/** The port is taken or the address cannot be bound: nothing to retry until the operator acts. */
export class ListenError extends AppError {
  override readonly name = 'ListenError';
  constructor(host: string, port: number, cause: unknown) {
    super('HTTP_LISTEN_FAILED', `Cannot listen on http://${host}:${port}`, { cause, context: { host, port } });
  }
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts serving `app`; resolves once the socket is bound (port 0 picks a free one). `close()`
 * is a graceful stop: new connections are refused, a request arriving on an open keep-alive
 * connection is answered 503 with `Connection: close` (Telegram and Zalo deliver it again
 * later), and it resolves once the requests in flight have been answered.
 */
export function startHttpServer(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    let closing = false;
    const onError = (error: unknown) => reject(new ListenError(options.host, options.port, error));
    const fetch = (request: Request, env: unknown) =>
      closing ? Response.json({ error: 'shutting_down' }, { status: 503, headers: { connection: 'close', 'retry-after': '5' } }) : app.fetch(request, env);
    server = serve({ fetch, hostname: options.host, port: options.port }, (info) => {
      server?.off('error', onError);
      resolve({
        url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            server?.close(() => done());
            (server as { closeIdleConnections?: () => void } | undefined)?.closeIdleConnections?.();
          }),
      });
    });
    server.once('error', onError);
  });
}
