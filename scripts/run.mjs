// Starts the service or the command line from a bundle of src/, rebuilt whenever src/ changed.
//
//   node scripts/run.mjs main            (npm start)
//   node scripts/run.mjs cli <args>      (npm run cli -- <args>)
//
// Why: running the TypeScript through tsx made every start transpile, resolve and load about a
// thousand ES modules (drizzle-orm alone is ~150, and Node's ESM loader re-reads each package's
// package.json for every one of them): 4-12 s per command on this machine. esbuild bundles src/
// and the pure-ESM libraries it uses into a few chunks in dist/run-<key>/ in about a second,
// once; later starts only load them. <key> is a hash of the path, size and modification time of
// every file under src/ (and of package.json, the lockfile and this script), so an edit, a
// deleted file or a checkout gives a new key and a new build before anything runs: a developer
// never runs stale code. Plain JavaScript on purpose: it must run before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import module from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The programs a bundle holds: name → entry file. */
export const ENTRIES = { main: 'src/main.ts', cli: 'src/cli/main.ts' };

/**
 * Dependencies bundled with src/: pure ES modules whose many small files are what made loading
 * slow. Everything else (PGlite and its WASM, pg, native modules, the CommonJS libraries that
 * find files next to themselves) stays in node_modules and is imported from there as usual.
 */
const BUNDLED = ['drizzle-orm', 'zod', 'hono', '@hono/node-server', 'csv-parse'];

/** How many old builds to keep beside the current one (a running service may still load their chunks). */
const KEEP_OLD_BUILDS = 3;

/** A fingerprint of everything the bundle is made from. */
export function sourceKey(root = ROOT) {
  const hash = createHash('sha1');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else addFile(path);
    }
  };
  const addFile = (path) => {
    const s = statSync(path);
    hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`);
  };
  visit(join(root, 'src'));
  for (const file of ['package.json', 'package-lock.json']) if (existsSync(join(root, file))) addFile(join(root, file));
  addFile(fileURLToPath(import.meta.url));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Makes sure dist/run-<key>/ holds a bundle of the current sources and returns its folder.
 * Two processes building at once each build into their own temporary folder; the first rename
 * wins and the other uses it.
 */
export async function ensureBuild(root = ROOT, log = (line) => process.stderr.write(`${line}\n`)) {
  const key = sourceKey(root);
  const outdir = join(root, 'dist', `run-${key}`);
  if (existsSync(join(outdir, 'ok'))) return outdir;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is missing: run `npm install` first (it installs the build tools).');
  }
  const started = performance.now();
  const temp = join(root, 'dist', `.run-${key}-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !BUNDLED.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir: temp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      external,
      // Some bundled CommonJS helpers call require(); give them Node's.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      sourcemap: 'linked',
      logLevel: 'error',
    });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(`Could not build src/ (the errors are above): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  // The marker is written last: a folder without it is an interrupted build.
  writeFileSync(join(temp, 'ok'), `${new Date().toISOString()}\n`);
  try {
    renameSync(temp, outdir);
  } catch {
    // Another process renamed its build first (or a broken one is in the way): use or replace it.
    if (!existsSync(join(outdir, 'ok'))) {
      rmSync(outdir, { recursive: true, force: true });
      renameSync(temp, outdir);
    } else {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  log(`Built src/ into ${relative(root, outdir)} in ${((performance.now() - started) / 1000).toFixed(1)} s (rebuilt whenever src/ changes).`);
  pruneOldBuilds(join(root, 'dist'), outdir);
  return outdir;
}

function pruneOldBuilds(distDir, current) {
  const builds = readdirSync(distDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\.?run-/.test(e.name) && join(distDir, e.name) !== current)
    .map((e) => ({ path: join(distDir, e.name), mtime: statSync(join(distDir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  // Leftover temporary folders older than an hour are interrupted builds.
  const stale = builds.filter((b, i) => (b.path.includes('/.run-') ? Date.now() - b.mtime > 3_600_000 : i >= KEEP_OLD_BUILDS));
  for (const b of stale) rmSync(b.path, { recursive: true, force: true });
}

/** Builds if needed, then runs the named program in this process with the remaining arguments. */
async function run(name) {
  if (!(name in ENTRIES)) {
    process.stderr.write(`usage: node scripts/run.mjs ${Object.keys(ENTRIES).join('|')} [arguments]\n`);
    process.exit(2);
  }
  let outdir;
  try {
    outdir = await ensureBuild();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // V8 keeps the compiled bundle between runs (Node 22.1+), so later starts skip parsing it.
  module.enableCompileCache?.();
  const entry = join(outdir, `${name}.js`);
  // The program sees its own arguments as if it had been started directly.
  process.argv.splice(1, 2, entry);
  await import(pathToFileURL(entry).href);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run(process.argv[2]);
