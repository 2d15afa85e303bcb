/**
 * bench:webhook — check-in answers posted to POST /telegram/webhook at rising concurrency, each a
 * full step (de-duplication, conversation state, stored answer, reply sent to a local fake Bot
 * API), against real PostgreSQL; then the same load on a bare grammY bot that writes one row and
 * echoes, in the same run, for the ratio. Each simulated secretary answers in order, as Telegram
 * delivers one chat's updates one at a time. The bots take turns run by run.
 *   npm run bench:webhook            (starts a throw-away PostgreSQL 15)
 *   BENCH_LEVELS=8,32 BENCH_REPEAT=5 npm run bench:webhook
 *   BENCH_COMPARE=/path/to/another/checkout npm run bench:webhook   (before/after in one run)
 *   BENCH_PROFILE=/tmp/prof npm run bench:webhook                    (V8 CPU profiles of both bots)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { DEFAULT_QUESTION_SET } from '../src/core/checkin/question-set.js';
import { wrapPool, type Transaction } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';
import { bindAccountToPerson, touchAccount } from '../src/storage/queries/channel-accounts.js';
import { upsertModel } from '../src/storage/queries/models.js';
import { upsertUnits } from '../src/storage/queries/org-units.js';
import { assignRole, createPerson } from '../src/storage/queries/people.js';
import { ensureDefaultQuestionSet } from '../src/storage/queries/question-sets.js';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.PG_URL;
if (!BASE_URL) throw new Error('set BENCH_DATABASE_URL, or run through npm run bench:webhook');
const TOKEN = '123456:BENCH_TOKEN_abcdefghijklmnopqrstuvwxyz';
const SECRET = 'bench_secret';
const LEVELS = (process.env.BENCH_LEVELS ?? '1,8,32,64').split(',').map(Number);
const UPDATES_PER_LEVEL = LEVELS.map((c) => ({ 1: 150, 8: 1200, 32: 3000, 64: 4000 })[c] ?? c * 60);
/** Each level runs this many times for each bot; the medians are printed. */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
/** With BENCH_PROFILE set, both bots write V8 CPU profiles here (the bare one in bare/) (BENCH_PROFILE=<dir>, or /tmp/prof for any other value). */
const PROFILE_DIR = process.env.BENCH_PROFILE?.startsWith('/') ? process.env.BENCH_PROFILE : '/tmp/prof';
const ANSWERS = ['1', '17/19', 'không', '2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có'];

// ---------------------------------------------------------------- fake Bot API, counting replies
let replies = 0;
let messageId = 0;
const fake = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const method = req.url!.split('/').pop();
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    let result: unknown = true;
    if (method === 'getMe') result = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot' };
    if (method === 'sendMessage') {
      replies += 1;
      result = { message_id: ++messageId, date: 0, chat: { id: body.chat_id, type: 'private' }, text: body.text };
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result }));
  });
});
// The bots take turns, so a bot's connections to this server sit idle for a whole turn of the
// other's: with Node's 5 s keep-alive timeout the server closed them just as the bot reused one
// (ECONNRESET, a failed send retried a second later, a run's rate cut by half). Keep them open.
fake.keepAliveTimeout = 10 * 60_000;
await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
const apiRoot = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

// ---------------------------------------------------------------- databases
async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(BASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

const usersNeeded = REPEAT * (Math.ceil(UPDATES_PER_LEVEL.reduce((a, b) => a + b, 0) / ANSWERS.length) + LEVELS.reduce((a, b) => a + b, 0) * 2);

async function prepareOurs(url: string): Promise<number[]> {
  const handle = wrapPool(new pg.Pool({ connectionString: url, max: 4 }));
  await runMigrations(handle);
  // One transaction: the set-up is not what is measured, and one commit is much faster.
  const chatIds = await handle.db.transaction(async (db) => prepareSecretaries(db));
  await handle.close();
  return chatIds;
}

async function prepareSecretaries(db: Transaction): Promise<number[]> {
  const handle = { db };
  await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET);
  const root = await upsertUnits(handle.db, [{ code: 'BENCH', name: 'Đảng bộ tỉnh thử tải', kind: 'tinh', parentId: null }]);
  const units = await upsertUnits(
    handle.db,
    Array.from({ length: usersNeeded }, (_, i) => ({ code: `BENCH.CB${i}`, name: `Chi bộ ${i}`, kind: 'chi_bo' as const, parentId: root.get('BENCH')! })),
  );
  const chatIds: number[] = [];
  let i = 0;
  for (const [, unitId] of units) {
    await upsertModel(handle.db, { unitId, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
    const person = await createPerson(handle.db, `Bí thư ${i}`);
    await assignRole(handle.db, { personId: person.id, unitId, role: 'secretary', title: null });
    const chatId = 100_000 + i;
    const account = await touchAccount(handle.db, { channel: 'telegram', externalUserId: String(chatId), chatId: String(chatId), at: new Date() });
    await bindAccountToPerson(handle.db, { accountId: account.id, personId: person.id });
    chatIds.push(chatId);
    i += 1;
  }
  return chatIds;
}

// ---------------------------------------------------------------- processes
/** Starts a child process; it is ready when its output matches `ready`, or at once when null. */
function startChild(command: string, args: string[], env: Record<string, string>, ready: RegExp | null, cwd = process.cwd()): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let started = !ready;
    if (started) resolve(child);
    const onData = (chunk: Buffer) => {
      // Until it is ready the output is kept for the error; after, what it says (warnings, errors) is passed on.
      if (started) return void process.stderr.write(`[${args.at(-1)}] ${chunk.toString()}`);
      out += chunk.toString();
      if (ready?.test(out)) {
        started = true;
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${out}`)));
  });
}

/** Stops a child and waits for it to be gone, so it takes no CPU from what runs next. */
async function stopChild(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

// ---------------------------------------------------------------- CPU accounting (Linux /proc)
const TICK_MS = 10; // USER_HZ is 100 on Linux
/** CPU time (ms) used so far by these processes and the processes they started (ended ones too, once reaped). */
function cpuMsOf(roots: readonly number[]): number {
  const procs = new Map<number, { ppid: number; ms: number }>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(entry), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS });
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    return NaN;
  }
  const wanted = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) if (!wanted.has(pid) && wanted.has(p.ppid)) (wanted.add(pid), (grew = true));
  }
  let ms = 0;
  for (const pid of wanted) ms += procs.get(pid)?.ms ?? 0;
  return ms;
}

/** The processes whose CPU a level is charged with: the bot, the PostgreSQL server, and this harness (with the fake Bot API). */
interface Meter {
  bot: number;
  postgres: number;
}
let meter: Meter = { bot: 0, postgres: 0 };
function cpuNow(): { bot: number; postgres: number; harness: number } {
  const own = process.cpuUsage();
  return { bot: cpuMsOf([meter.bot]), postgres: cpuMsOf([meter.postgres]), harness: (own.user + own.system) / 1000 };
}

// ---------------------------------------------------------------- load
let updateId = 1;
function textUpdate(chatId: number, text: string) {
  updateId += 1;
  return { update_id: updateId, message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'B' }, from: { id: chatId, is_bot: false, first_name: 'B' }, text } };
}

async function post(port: number, update: unknown): Promise<number> {
  const start = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the webhook on port ${port} answered ${response.status}`);
  return performance.now() - start;
}

/** The timed windows, written next to the CPU profiles with BENCH_PROFILE. */
const timedWindows: { port: number; concurrency: number; from: number; to: number }[] = [];

interface LevelResult {
  concurrency: number;
  updates: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per answer: the bot's processes, PostgreSQL's, the harness's. */
  cpu: { bot: number; postgres: number; harness: number };
}

/**
 * `concurrency` secretaries at a time, each answering its questions in order, until `total`
 * answers. The secretaries are prepared first (`prepare`, not timed), so the clock measures the
 * same work for both bots: answers, and their replies reaching the Bot API.
 */
async function runLevel(port: number, chats: number[], concurrency: number, total: number, prepare: (chats: number[]) => Promise<void>, database: string): Promise<LevelResult> {
  // A worker starts a new secretary while answers remain, so at most this many are needed.
  const mine = chats.splice(0, Math.ceil(total / ANSWERS.length) + concurrency);
  if (mine.length < Math.ceil(total / ANSWERS.length) + concurrency) throw new Error('ran out of prepared secretaries');
  await prepare(mine);
  const latencies: number[] = [];
  let sent = 0;
  const repliesBefore = replies;
  const cpuBefore = cpuNow();
  const start = performance.now();
  const startTicks = process.hrtime.bigint();
  const worker = async () => {
    while (sent < total) {
      const chat = mine.shift()!;
      for (const answer of ANSWERS) {
        if (sent >= total) break;
        sent += 1;
        latencies.push(await post(port, textUpdate(chat, answer)));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // Every answer is done when its reply has reached the Bot API (each answer here has exactly one).
  while (replies - repliesBefore < latencies.length) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - start) / 1000;
  const endTicks = process.hrtime.bigint();
  // Not timed, but charged: the dead rows this run left are vacuumed now, so the next bot does not
  // pay for them, and their cost shows in this one's PostgreSQL CPU.
  const vacuum = new pg.Client({ connectionString: database });
  await vacuum.connect();
  await vacuum.query('vacuum');
  await vacuum.end();
  const cpuAfter = cpuNow();
  // CLOCK_MONOTONIC in µs, the clock of V8's profile timestamps: the timed part of a profile can be cut out.
  timedWindows.push({ port, concurrency, from: Number(startTicks / 1000n), to: Number(endTicks / 1000n) });
  const perAnswer = (k: 'bot' | 'postgres' | 'harness') => (cpuAfter[k] - cpuBefore[k]) / latencies.length;
  const cpu = { bot: perAnswer('bot'), postgres: perAnswer('postgres'), harness: perAnswer('harness') };
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { concurrency, updates: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), cpu };
}

/** The median of each figure over a level's runs. */
function medianOf(runs: readonly LevelResult[]): LevelResult {
  const median = (pick: (r: LevelResult) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return {
    concurrency: runs[0]!.concurrency, updates: runs[0]!.updates, perSecond: median((r) => r.perSecond), p50: median((r) => r.p50), p99: median((r) => r.p99),
    cpu: { bot: median((r) => r.cpu.bot), postgres: median((r) => r.cpu.postgres), harness: median((r) => r.cpu.harness) },
  };
}

const ours = await freshDatabase('chibo_bench_ours');
{
  // The server's own process: the parent of any backend. Its descendants are all of PostgreSQL.
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
  await client.end();
  meter.postgres = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}
const bare = await freshDatabase('chibo_bench_bare');
/** Another checkout of this project (BENCH_COMPARE=<dir>) measured in turn with this one: before/after in the same conditions. */
const COMPARE = process.env.BENCH_COMPARE;
const then = COMPARE ? await freshDatabase('chibo_bench_then') : undefined;
console.log(`preparing ${usersNeeded} secretaries${then ? ' (twice)' : ''}…`);
const chats = await prepareOurs(ours);
const thenChats = then ? await prepareOurs(then) : [];

/** A bot under test: its process, where it listens, its database, its secretaries, how they get ready. */
interface Contender {
  name: string;
  port: number;
  child: ChildProcess;
  database: string;
  chats: number[];
  prepare: (chats: number[]) => Promise<void>;
}

/** Starts our service from a checkout (this one, or BENCH_COMPARE's) on its own database. */
async function startOurs(name: string, cwd: string, database: string, chatList: number[]): Promise<Contender> {
  const port = await freePort();
  const profile: Record<string, string> = process.env.BENCH_PROFILE && name === 'ours' ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } : {};
  const child = await startChild(
    `${process.cwd()}/node_modules/.bin/tsx`,
    ['src/main.ts'],
    { DATABASE_URL: database, HTTP_PORT: String(port), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'warn', TELEGRAM_BOT_USERNAME: 'bench_bot', ...profile },
    null,
    cwd,
  );
  for (let i = 0; ; i += 1) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error(`${name}: the service did not answer /healthz within a minute`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const prepare = async (mine: number[]) => {
    // Not measured: open the check-in and press «Bắt đầu», as a secretary does before answering.
    const before = replies;
    const queue = [...mine];
    const opener = async () => {
      for (let chat = queue.shift(); chat !== undefined; chat = queue.shift()) {
        await post(port, textUpdate(chat, '/baocao'));
        await post(port, textUpdate(chat, 'bắt đầu'));
      }
    };
    await Promise.all(Array.from({ length: 8 }, opener));
    while (replies - before < 2 * mine.length) await new Promise((r) => setTimeout(r, 2));
  };
  return { name, port, child, database, chats: chatList, prepare };
}

// The bots run side by side (an idle one costs nothing) and take turns, run by run, so a burst
// of load from elsewhere on the machine hits them alike.
const contenders: Contender[] = [await startOurs('ours', process.cwd(), ours, chats)];
if (COMPARE && then) contenders.push(await startOurs('then', COMPARE, then, thenChats));
{
  const port = await freePort();
  const child = await startChild('node_modules/.bin/tsx', ['bench/bare-bot.ts'], { BENCH_DB_URL: bare, BENCH_PORT: String(port), BENCH_TOKEN: TOKEN, BENCH_API_ROOT: apiRoot, BENCH_SECRET: SECRET, ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}/bare` } : {}) }, /ready/);
  contenders.push({ name: 'bare', port, child, database: bare, chats: Array.from({ length: usersNeeded }, (_, i) => 500_000 + i), prepare: async () => undefined });
}

/** Per contender, per level: the medians of its runs, and the median of its ratios to the bare bot's run right after. */
const results = new Map<string, { level: LevelResult; ratio: number }[]>(contenders.map((c) => [c.name, []]));
for (const [i, level] of LEVELS.entries()) {
  const runs = new Map<string, LevelResult[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < REPEAT; r += 1) {
    for (const c of contenders) {
      meter.bot = c.child.pid!;
      runs.get(c.name)!.push(await runLevel(c.port, c.chats, level, UPDATES_PER_LEVEL[i]!, c.prepare, c.database));
    }
  }
  const bareRuns = runs.get('bare')!;
  for (const c of contenders) {
    const own = runs.get(c.name)!;
    const pairRatios = own.map((o, r) => o.perSecond / bareRuns[r]!.perSecond).sort((a, b) => a - b);
    results.get(c.name)!.push({ level: medianOf(own), ratio: pairRatios[Math.floor(pairRatios.length / 2)]! });
  }
}
for (const c of contenders) await stopChild(c.child);
if (process.env.BENCH_PROFILE) {
  const port = (name: string) => contenders.find((c) => c.name === name)!.port;
  writeFileSync(`${PROFILE_DIR}/timed-windows.json`, JSON.stringify(timedWindows.filter((w) => w.port === port('ours'))));
  writeFileSync(`${PROFILE_DIR}/bare/timed-windows.json`, JSON.stringify(timedWindows.filter((w) => w.port === port('bare'))));
  console.log(`CPU profiles of our bot in ${PROFILE_DIR}, of the bare bot in ${PROFILE_DIR}/bare; the timed windows (monotonic µs) in timed-windows.json`);
}
fake.close();

const row = (name: string, i: number) => results.get(name)![i]!;
console.log(`\nmedians of ${REPEAT} runs per level, the bots taking turns (ratio: median of back-to-back pairs); node ${process.version}; ${(await import('node:os')).cpus().length} cores`);
console.log('concurrency | ours: answers/s  p50 ms  p99 ms | bare grammY: updates/s  p50 ms  p99 ms | ratio');
for (const [i, level] of LEVELS.entries()) {
  const o = row('ours', i).level;
  const b = row('bare', i).level;
  console.log(
    `${String(level).padStart(11)} | ${o.perSecond.toFixed(0).padStart(15)} ${o.p50.toFixed(1).padStart(7)} ${o.p99.toFixed(1).padStart(7)} | ${b.perSecond.toFixed(0).padStart(22)} ${b.p50.toFixed(1).padStart(7)} ${b.p99.toFixed(1).padStart(7)} | ${row('ours', i).ratio.toFixed(2)}`,
  );
}
if (COMPARE) {
  console.log(`\nthe same runs, ${COMPARE} (BENCH_COMPARE) in turn with them`);
  console.log('concurrency | then: answers/s  p50 ms  p99 ms | ratio to bare');
  for (const [i, level] of LEVELS.entries()) {
    const o = row('then', i).level;
    console.log(`${String(level).padStart(11)} | ${o.perSecond.toFixed(0).padStart(15)} ${o.p50.toFixed(1).padStart(7)} ${o.p99.toFixed(1).padStart(7)} | ${row('then', i).ratio.toFixed(2).padStart(13)}`);
  }
}
console.log('\nCPU ms per answer (medians; /proc, 10 ms ticks): the bot\'s processes · PostgreSQL (with a VACUUM after each run) · the harness with the fake Bot API');
console.log(`concurrency | ${contenders.map((c) => `${c.name.padEnd(4)}: bot    pg harness`).join(' | ')}`);
const f = (n: number) => n.toFixed(2).padStart(5);
for (const [i, level] of LEVELS.entries()) {
  console.log(`${String(level).padStart(11)} | ${contenders.map((c) => { const { cpu } = row(c.name, i).level; return `      ${f(cpu.bot)} ${f(cpu.postgres)} ${f(cpu.harness).padStart(8)}`; }).join(' | ')}`);
}
process.exit(0);
