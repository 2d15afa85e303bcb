import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))),
  );
  return nested.flat();
}

describe('architecture', () => {
  it('reads the environment in src/config.ts only', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src')) {
      if (file === join('src', 'config.ts')) continue;
      if ((await readFile(file, 'utf8')).includes('process.env')) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the clock out of the core: time is passed in', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(join('src', 'core'))) {
      const text = await readFile(file, 'utf8');
      if (/new Date\(\)|Date\.now\(\)|Math\.random\(\)/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('names files in kebab-case', async () => {
    const bad = (await sourceFiles('src')).filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(f.split(/[\\/]/).pop()!));
    expect(bad).toEqual([]);
  });
});
