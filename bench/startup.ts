/**
 * bench:startup — how long a person waits for the program to start, measured as they start it:
 *   (a) `node -e 0`, the floor: Node itself;
 *   (b) `npm run cli -- --help`;
 *   (c) `npm run cli -- migrate` on an existing data directory (opens the embedded database,
 *       checks the migrations, closes it);
 *   (d) `npm start` on the same data directory, until GET /healthz answers 200;
 * and `npm run env` (npm's own start, part of (b)–(d)). Each is a fresh process from spawn to
 * exit (or to the first healthy answer); five rounds, the commands taking turns in each round, so
 * a change in the machine's load falls on all of them; the table gives medians and the ratio to
 * the floor. One untimed warm-up run of each command first (it builds dist/run-<key> if src/
 * changed since the last build, and fills the file cache).
 *   npm run bench:startup
 * Knobs: BENCH_RUNS (5), BENCH_COMPARE=<another checkout with its node_modules> (its commands
 * take turns with these in the same rounds: before/after in one run), BENCH_KEEP_DATA=1.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './synthetic-tree.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const here = process.cwd();
const compare = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : undefined;
const dataDir = await mkdtemp(join(tmpdir(), 'bench-startup-'));

/** The environment of a newcomer: embedded database, no channel configured. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|TELEGRAM_|ZALO_|HTTP_|npm_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, DATA_DIR: join(dataDir, 'data'), ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs a command to its end; returns seconds from spawn to exit. */
async function timeExit(cwd: string, command: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${stderr}`);
  return (performance.now() - t0) / 1000;
}

/** Starts `npm start`, returns the seconds until /healthz answered 200, then stops it. */
async function timeHealthy(cwd: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  // Its own process group, so the stop reaches the service under npm's process.
  const child = spawn('npm', ['start'], { cwd, env: cleanEnv({ HTTP_PORT: String(port), LOG_LEVEL: 'warn' }), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let exited = false;
  const closed = new Promise<void>((done) => child.once('close', () => ((exited = true), done())));
  let seconds = 0;
  for (;;) {
    if (exited) throw new Error(`npm start (in ${cwd}) ended before it was healthy:\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) {
      seconds = (performance.now() - t0) / 1000;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  process.kill(-child.pid!, 'SIGTERM');
  await closed;
  return seconds;
}

interface Probe {
  label: string;
  run: (cwd: string) => Promise<number>;
}
const probes: Probe[] = [
  { label: '(a) node -e 0 (floor)', run: (cwd) => timeExit(cwd, 'node', ['-e', '0']) },
  { label: 'npm run env (npm itself)', run: (cwd) => timeExit(cwd, 'npm', ['run', 'env', '--silent']) },
  { label: '(b) npm run cli -- --help', run: (cwd) => timeExit(cwd, 'npm', ['run', 'cli', '--silent', '--', '--help']) },
  { label: '(c) npm run cli -- migrate', run: (cwd) => timeExit(cwd, 'npm', ['run', 'cli', '--silent', '--', 'migrate']) },
  { label: '(d) npm start until /healthz', run: timeHealthy },
];

const checkouts = [{ name: 'this checkout', cwd: here }, ...(compare ? [{ name: `BENCH_COMPARE (${compare})`, cwd: compare }] : [])];
const times = new Map<string, number[]>();

try {
  console.log(`bench:startup: ${RUNS} rounds; data directory ${dataDir} (demo data); load average ${(await loadAverage()).join(' ')}`);
  await timeExit(here, 'npm', ['run', 'cli', '--silent', '--', 'seed-demo']);
  for (const c of checkouts) for (const p of probes) await p.run(c.cwd); // warm-up, untimed
  for (let round = 0; round < RUNS; round += 1) {
    for (const p of probes) {
      for (const c of checkouts) {
        const key = `${c.name}\0${p.label}`;
        const s = await p.run(c.cwd);
        times.set(key, [...(times.get(key) ?? []), s]);
      }
    }
  }
  for (const c of checkouts) {
    const floor = median(times.get(`${c.name}\0${probes[0]!.label}`)!);
    console.log(`\n${c.name}: medians of ${RUNS}`);
    console.log(`| what | median | × floor | runs (s) |`);
    console.log(`|---|---|---|---|`);
    for (const p of probes) {
      const all = times.get(`${c.name}\0${p.label}`)!;
      const m = median(all);
      console.log(`| ${p.label} | ${m.toFixed(2)} s | ${(m / floor).toFixed(1)} | ${all.map((s) => s.toFixed(2)).join(' ')} |`);
    }
  }
  console.log(`\nload average at the end: ${(await loadAverage()).join(' ')}`);
} finally {
  if (process.env.BENCH_KEEP_DATA !== '1') await rm(dataDir, { recursive: true, force: true });
}

async function loadAverage(): Promise<string[]> {
  const { loadavg } = await import('node:os');
  return loadavg().map((l) => l.toFixed(1));
}
