import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirBusyError, findDataDirHolder, LOCK_FILE, lockDataDir } from '../../src/storage/data-dir-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that was a Node process and has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('the embedded database lock', () => {
  it('lets one holder at a time have the data directory, and frees it on release', async () => {
    const lock = await lockDataDir(dir, 'npm start', new Date('2026-12-02T03:00:00Z'));
    const refused = await lockDataDir(dir, 'npm run cli -- migrate').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirBusyError);
    expect((refused as DataDirBusyError).holder).toEqual({ pid: process.pid, holder: 'npm start', since: '2026-12-02T03:00:00.000Z' });
    expect(await findDataDirHolder(dir)).toMatchObject({ pid: process.pid });

    await lock.release();
    await lock.release();
    expect(await findDataDirHolder(dir)).toBeNull();
    const again = await lockDataDir(dir, 'npm run cli -- migrate');
    await again.release();
  });

  it('refuses while another live process holds it', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, holder: 'npm start', since: new Date().toISOString() }));
      await expect(lockDataDir(dir, 'cli')).rejects.toMatchObject({ code: 'DATA_DIR_BUSY', holder: { pid: child.pid, holder: 'npm start' } });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that ended (a crash, a kill -9) or by our own pid in a previous life', async () => {
    for (const pid of [await deadPid(), process.pid]) {
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid, holder: 'npm start', since: new Date().toISOString() }));
      const lock = await lockDataDir(dir, 'npm run cli -- migrate');
      expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, holder: 'npm run cli -- migrate' });
      await lock.release();
    }
    await writeFile(join(dir, LOCK_FILE), 'half a wri');
    await (await lockDataDir(dir, 'cli')).release();
  });
});
