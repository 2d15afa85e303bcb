import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startService } from '../../src/service.js';
import { createEmptyPostgresDatabase } from '../helpers/database.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-start-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `node scripts/run.mjs main` as `npm start` does (the bundle of src/, built if src/ changed), with only the given environment. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/run.mjs', 'main'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = stdout.match(pattern);
      if (match) return match;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`not seen ${pattern}:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

describe('a newcomer starts the service', () => {
  it('comes up offline on the embedded database with demo data, answers /healthz, and stops on SIGTERM', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const service = startProcess({ DATA_DIR: join(dir, 'data'), HTTP_PORT: '0', LOG_LEVEL: 'info' });
    const [, url] = await service.waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'pglite' });
    const { stdout } = service.output();
    expect(stdout).toMatch(/Applied \d+ database migration/);
    expect(stdout).toContain('loaded demo data');
    expect(stdout).toContain('TELEGRAM_BOT_TOKEN');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output().stdout).toContain('Stopped');
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const service = startProcess({ DATA_DIR: join(dir, 'never'), HTTP_PORT: 'eighty' });
    expect(await service.exited).toBe(2);
    expect(service.output().stderr).toContain('HTTP_PORT must be a port number');
  });

  it('runs on a real PostgreSQL server through the same migrations (when the run has one)', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const empty = await createEmptyPostgresDatabase();
    const config = parseConfig(
      empty ? { DATABASE_URL: empty.url, HTTP_PORT: '0' } : { DATA_DIR: join(dir, 'pg-or-pglite'), HTTP_PORT: '0' },
    );
    const running = await startService(config, { log: createLogger('silent'), now: () => new Date('2026-11-21T03:00:00Z') });
    try {
      const body = (await (await fetch(`${running.url}/healthz`)).json()) as { database: string };
      expect(body.database).toBe(empty ? 'postgres' : 'pglite');
    } finally {
      await running.stop();
      await empty?.drop();
    }
  });
});
