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
 * service and removes its database.
 */
export async function startTestService(
  env: Record<string, string>,
  options: { now?: () => Date } = {},
): Promise<{ service: RunningService; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'chibo-service-'));
  const pg = await createEmptyPostgresDatabase();
  const config = parseConfig({ DATA_DIR: join(dir, 'data'), ...(pg ? { DATABASE_URL: pg.url } : {}), HTTP_PORT: '0', ...env });
  const service = await startService(config, { log: createLogger('silent'), now: options.now ?? (() => new Date()) });
  return {
    service,
    stop: async () => {
      await service.stop();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
