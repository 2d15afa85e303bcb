import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { killStartedServices, startServiceProcess } from '../helpers/service-process.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-busy-'));
  process.env.DATA_DIR = join(dir, 'data');
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  killStartedServices();
  process.env = saved;
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the command line while the service has the embedded database open', () => {
  it('refuses to open the data directory, says who holds it and what to do, and works once the service stopped', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    // A first start: it migrates and loads the demo data before it listens.
    const service = await startServiceProcess({ DATA_DIR: process.env.DATA_DIR! }, SLOW_TEST_TIMEOUT_MS - 30_000);
    const busy = await cli('invite', 'KT.KONRAY.HKL');
    expect(busy.code).toBe(1);
    expect(busy.err).toContain(`tiến trình ${service.child.pid} (npm start)`);
    expect(busy.err).toContain('làm hỏng dữ liệu');
    expect(busy.err).toContain('Dừng dịch vụ');
    // The service was not disturbed: it still answers.
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);

    service.child.kill('SIGTERM');
    expect(await service.exited).toMatchObject({ code: 0 });
    const after = await cli('invite', 'KT.KONRAY.HKL');
    expect(after).toMatchObject({ code: 0, out: expect.stringContaining('Mã mời') });
  });
});
