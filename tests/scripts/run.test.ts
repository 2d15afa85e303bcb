import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../../scripts/run.mjs';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

const run = promisify(execFile);
let root: string;

/** A project with the same layout as this one (package.json, src/main.ts, src/cli/main.ts) but tiny. */
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'chibo-run-'));
  await mkdir(join(root, 'src', 'cli'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', dependencies: {} }));
  await writeFile(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'first';\n");
  await writeFile(join(root, 'src', 'main.ts'), "import { greeting } from './greeting.js';\nconsole.log(`main ${greeting}`);\n");
  await writeFile(join(root, 'src', 'cli', 'main.ts'), "import { greeting } from '../greeting.js';\nconsole.log(`cli ${greeting} ${process.argv.slice(2).join(' ')}`);\n");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** That project's `npm run cli -- <args>`: build if needed, then run the bundle with the arguments, in a fresh process. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['-e', `const { ensureBuild } = await import(${JSON.stringify(resolve('scripts/run.mjs'))}); const dir = await ensureBuild(${JSON.stringify(root)}, () => {}); process.argv = [process.argv[0], dir + '/cli.js', ...${JSON.stringify(args)}]; await import(dir + '/cli.js');`, '--input-type=module'], { cwd: root });
  return stdout.trim();
}

describe('scripts/run.mjs: npm start and npm run cli run a bundle of src/ that is never stale', () => {
  it('builds once, reuses the build while src/ is unchanged, and rebuilds after an edit or a deletion', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const first = await ensureBuild(root, () => {});
    expect(await ensureBuild(root, () => {})).toBe(first);
    expect(await cli('migrate')).toBe('cli first migrate');

    await writeFile(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'edited';\n");
    // Even an edit that keeps the size and lands in the same second as the build is seen.
    const second = await ensureBuild(root, () => {});
    expect(second).not.toBe(first);
    expect(await cli()).toBe('cli edited');

    await writeFile(join(root, 'src', 'unused.ts'), 'export {};\n');
    const third = await ensureBuild(root, () => {});
    await rm(join(root, 'src', 'unused.ts'));
    expect(await ensureBuild(root, () => {})).not.toBe(third);

    // A file restored with an older time still counts as a change.
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(join(root, 'src', 'greeting.ts'), old, old);
    expect(await ensureBuild(root, () => {})).not.toBe(second);
    // Old builds are pruned, a few kept for a service still running from one.
    expect((await readdir(join(root, 'dist'))).filter((d) => d.startsWith('run-')).length).toBeLessThanOrEqual(4);
  });

  it('refuses to run code that does not compile, with the compiler\'s message', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    await writeFile(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'broken;\n");
    await expect(ensureBuild(root, () => {})).rejects.toThrow(/Could not build src\//);
    await writeFile(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'fixed';\n");
    expect(await cli()).toBe('cli fixed');
  });
});
