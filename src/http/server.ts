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

/** Starts serving `app`; resolves once the socket is bound (port 0 picks a free one). */
export function startHttpServer(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (error: unknown) => reject(new ListenError(options.host, options.port, error));
    server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info) => {
      server?.off('error', onError);
      resolve({
        url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server?.close(() => done());
            (server as { closeIdleConnections?: () => void } | undefined)?.closeIdleConnections?.();
          }),
      });
    });
    server.once('error', onError);
  });
}
