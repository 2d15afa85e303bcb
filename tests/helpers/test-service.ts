import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startService, type RunningService } from '../../src/service.js';
import { createEmptyPostgresDatabase } from './database.js';

/**
 * The whole service as an operator starts it, on a database of its own: an empty PostgreSQL
 * database when the run has one, else embedded PGlite in a temporary folder. `stop` stops the
 * service and removes its database. `scheduler: false` for a test about a conversation: the
 * demo's calendar would otherwise send its notices (a review deadline's, a reminder) mid-way on
 * some days of the year, and a test's "the bot's next message" would be one of them.
 */
export async function startTestService(
  env: Record<string, string>,
  options: { now?: () => Date; scheduler?: boolean } = {},
): Promise<{ service: RunningService; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'chibo-service-'));
  const pg = await createEmptyPostgresDatabase();
  const config = parseConfig({ DATA_DIR: join(dir, 'data'), ...(pg ? { DATABASE_URL: pg.url } : {}), HTTP_PORT: '0', ...env });
  const service = await startService(config, { log: createLogger('silent'), now: options.now ?? (() => new Date()), ...(options.scheduler === false ? { scheduler: false } : {}) });
  return {
    service,
    stop: async () => {
      await service.stop();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
