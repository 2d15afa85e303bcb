import { readFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.js';

/**
 * The embedded database (PGlite) is one process's files: a second process opening the same data
 * directory while the first has it open corrupts it. Every process that opens DATA_DIR (the
 * service, each CLI command) first creates this file exclusively, with its pid, and removes it
 * when it closes the database; a file left by a process that no longer runs (killed, crashed) is
 * taken over.
 */
export const LOCK_FILE = 'chibo.lock';

/** Lock files this process holds (by path): our own pid in a file not listed here is a previous life's. */
const heldHere = new Set<string>();

const LockContent = z.object({ pid: z.number().int().positive(), holder: z.string(), since: z.string() });
export type DataDirHolder = z.infer<typeof LockContent>;

/** Another live process has the embedded database open; opening it here would corrupt it. */
export class DataDirBusyError extends AppError {
  override readonly name = 'DataDirBusyError';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder,
  ) {
    super('DATA_DIR_BUSY', `The embedded database in ${dataDir} is open in process ${holder.pid} (${holder.holder}, since ${holder.since})`, {
      context: { dataDir, ...holder },
    });
  }
}

/** The lock this process holds on a data directory; `release` is safe to call more than once. */
export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes the data directory for this process, or throws DataDirBusyError naming the live process
 * that has it. `holder` says who we are in that message ("npm start", "cli migrate").
 */
export async function lockDataDir(dataDir: string, holder: string, now: Date = new Date()): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  const mine: DataDirHolder = { pid: process.pid, holder, since: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const file = await open(path, 'wx');
      try {
        await file.writeFile(`${JSON.stringify(mine)}\n`);
      } finally {
        await file.close();
      }
      heldHere.add(path);
      return { release: once(() => releaseIfMine(path)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const other = await readHolder(path);
    if (other && isHeld(path, other.pid)) throw new DataDirBusyError(dataDir, other);
    // Its process is gone (or the file is unreadable, a crash while writing it): take it over.
    await rm(path, { force: true });
  }
  const other = await readHolder(path);
  throw new DataDirBusyError(dataDir, other ?? { pid: 0, holder: 'unknown', since: '' });
}

/** Who holds the data directory now, if a live process does (for a message before trying). */
export async function findDataDirHolder(dataDir: string): Promise<DataDirHolder | null> {
  const path = join(dataDir, LOCK_FILE);
  const other = await readHolder(path);
  return other && isHeld(path, other.pid) ? other : null;
}

async function readHolder(path: string): Promise<DataDirHolder | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = LockContent.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function releaseIfMine(path: string): Promise<void> {
  heldHere.delete(path);
  const holder = await readHolder(path);
  if (holder?.pid === process.pid) await rm(path, { force: true });
}

/**
 * Whether the process named in the file still has the directory: it runs, and it is a Node
 * process (a pid reused by something else after a crash, or our own pid in a restarted
 * container, does not count).
 */
function isHeld(path: string, pid: number): boolean {
  if (pid === process.pid) return heldHere.has(path);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user; it is alive all the same.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (not Linux): trust the pid
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
