/**
 * bench:fanout — a month's reminders at the national order of magnitude, on real PostgreSQL:
 *  1. queue the D-3 reminder for BENCH_UNITS (default 300,000) chi bộ with one tick, and report
 *     the time (median of BENCH_REPEAT runs, the outbox emptied between runs);
 *  2. send them for BENCH_SEND_SECONDS to a local fake Bot API that allows 30 messages in any
 *     one-second window and answers 429 (retry_after 1) beyond it; report the rate against the
 *     allowed 30/s and the number of 429s.
 *   npm run bench:fanout        (starts a throw-away PostgreSQL 15)
 *   BENCH_COMPARE=/path/to/another/checkout npm run bench:fanout   (before/after in one run: both
 *     checkouts queue and send on the same database, in turns, BENCH_COMPARE_RUNS times each)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot } from 'grammy';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TelegramSender } from '../src/channels/telegram/telegram-sender.js';
import { runTick } from '../src/jobs/run-tick.js';
import { createLogger } from '../src/log.js';
import { OutboxDispatcher } from '../src/delivery/dispatcher.js';
import { queryRows, wrapPool } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.PG_URL;
if (!BASE_URL) throw new Error('set BENCH_DATABASE_URL, or run through npm run bench:fanout');
const UNITS = Number(process.env.BENCH_UNITS ?? 300_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SEND_SECONDS = Number(process.env.BENCH_SEND_SECONDS ?? 30);
const ALLOWED_PER_SECOND = 30;
const timeZone = 'Asia/Ho_Chi_Minh';
const D3 = new Date('2026-11-22T01:00:00Z'); // 22/11 08:00 in Vietnam

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ---------------------------------------------------------------- fake Bot API that enforces 30/s
let accepted = 0;
/** When the fake API accepted its first message (performance.now()): the steady rate is counted from it. */
let firstAcceptedAt: number | undefined;
const acceptedAt: number[] = [];
let refused = 0;
const window: number[] = [];
const fake = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { chat_id?: string; text?: string };
    const now = performance.now();
    while (window.length > 0 && window[0]! <= now - 1000) window.shift();
    res.writeHead(200, { 'content-type': 'application/json' });
    if (window.length >= ALLOWED_PER_SECOND) {
      refused += 1;
      res.end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }));
      return;
    }
    window.push(now);
    accepted += 1;
    firstAcceptedAt ??= performance.now();
    acceptedAt.push(performance.now());
    res.end(JSON.stringify({ ok: true, result: { message_id: accepted, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: body.text } }));
  });
});
await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
const apiRoot = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

// ---------------------------------------------------------------- a national-size organisation
const admin = new pg.Client({ connectionString: BASE_URL });
await admin.connect();
await admin.query('drop database if exists bench_fanout with (force)');
await admin.query('create database bench_fanout');
await admin.end();
const url = new URL(BASE_URL);
url.pathname = '/bench_fanout';
const handle = wrapPool(new pg.Pool({ connectionString: url.toString(), max: 4 }));
await runMigrations(handle);
const t0 = performance.now();
await handle.db.execute(sql`insert into org_units (code, name, kind) values ('VN', 'Đảng bộ thử tải', 'tinh')`);
await handle.db.execute(sql`
  insert into org_units (code, name, kind, parent_id)
  select 'VN.CB' || g, 'Chi bộ số ' || g, 'chi_bo', (select id from org_units where code = 'VN') from generate_series(1, ${UNITS}) g`);
// A bulk load: the figures triggers are switched off for it and the roll-ups rebuilt set-based
// after (row by row, each of 300,000 models would update the root's roll-up row again).
await handle.db.transaction(async (tx) => {
  await tx.execute(sql`select set_config('chibo.figures_maintenance', 'off', true)`);
  await tx.execute(sql`insert into models (unit_id, title) select id, 'Dân vận khéo' from org_units where parent_id is not null`);
  await tx.execute(sql`select figures_rebuild()`);
});
await handle.db.execute(sql`insert into people (full_name) select 'Bí thư ' || g from generate_series(1, ${UNITS}) g`);
await handle.db.execute(sql`
  insert into unit_roles (person_id, unit_id, role)
  select p.id, u.id, 'secretary' from org_units u join people p on p.full_name = 'Bí thư ' || substr(u.code, 6) where u.parent_id is not null`);
await handle.db.execute(sql`
  insert into channel_accounts (person_id, channel, external_user_id, chat_id)
  select id, 'telegram', (1000000 + id)::text, (1000000 + id)::text from people`);
await handle.db.execute(sql`analyze`);
console.log(`prepared ${UNITS.toLocaleString('en')} chi bộ with a secretary each in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- the code under test
/** What the bench needs from a checkout: queue (runTick) and send (the dispatcher, Telegram's sender). */
interface Contender {
  name: string;
  runTick: typeof runTick;
  OutboxDispatcher: typeof OutboxDispatcher;
  TelegramSender: typeof TelegramSender;
}
const ours: Contender = { name: 'ours', runTick, OutboxDispatcher, TelegramSender };
/** Another checkout (BENCH_COMPARE=<dir>), loaded from its own sources; the dispatcher moved to src/delivery in issue 15. */
async function loadCheckout(dir: string): Promise<Contender> {
  const dispatcherPath = ['src/delivery/dispatcher.ts', 'src/services/outbox-dispatcher.ts'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!dispatcherPath) throw new Error(`${dir}: no outbox dispatcher found`);
  return {
    name: 'then',
    runTick: ((await import(join(dir, 'src/jobs/run-tick.ts'))) as { runTick: typeof runTick }).runTick,
    OutboxDispatcher: ((await import(dispatcherPath)) as { OutboxDispatcher: typeof OutboxDispatcher }).OutboxDispatcher,
    TelegramSender: ((await import(join(dir, 'src/channels/telegram/telegram-sender.ts'))) as { TelegramSender: typeof TelegramSender }).TelegramSender,
  };
}
const COMPARE = process.env.BENCH_COMPARE;
const contenders = COMPARE ? [ours, await loadCheckout(COMPARE)] : [ours];
const TURNS = COMPARE ? Number(process.env.BENCH_COMPARE_RUNS ?? 2) : 1;

/** One queue-and-send turn of one checkout on an emptied outbox. */
async function measure(c: Contender): Promise<{ queueMs: number; queued: number; rate: number; steadyRate: number; refused: number; recorded: number; sent: number; elapsed: number }> {
  // ---------------------------------------------------------------- 1. queue
  accepted = 0;
  firstAcceptedAt = undefined;
  acceptedAt.length = 0;
  refused = 0;
  window.length = 0;
  const queueTimes: number[] = [];
  let queued = 0;
  for (let run = 0; run < REPEAT; run += 1) {
    await handle.db.execute(sql`truncate outbound_messages, job_runs`);
    const started = performance.now();
    const report = await c.runTick(handle.db, { now: D3, timeZone });
    queueTimes.push(performance.now() - started);
    queued = report.slots.filter((s) => s.job === 'reminder').reduce((n, s) => n + s.queued, 0);
    if (report.failures.length) throw new Error(JSON.stringify(report.failures));
  }
  const queueMs = median(queueTimes);
  console.log(`${c.name} queue: ${queued.toLocaleString('en')} reminders in ${(queueMs / 1000).toFixed(2)} s (median of ${REPEAT}: ${queueTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s), ${Math.round(queued / (queueMs / 1000)).toLocaleString('en')} rows/s`);

  // ---------------------------------------------------------------- 2. send at the channel's pace
  const start = performance.now();
  const clock = () => new Date(D3.getTime() + (performance.now() - start));
  const sender = new c.TelegramSender(new Bot('123456:BENCH_TOKEN_abcdefghijklmnopqrstuvwxyz', { client: { apiRoot } }).api);
  const dispatcher = new c.OutboxDispatcher(handle.db, new Map([['telegram', sender]]), {
    now: clock, log: createLogger('warn'), timeZone, recordsDb: handle.relaxed,
  });
  dispatcher.start(0);
  await new Promise((r) => setTimeout(r, SEND_SECONDS * 1000));
  const elapsed = (performance.now() - start) / 1000;
  const sentAtStop = accepted;
  const stoppedAt = performance.now();
  await dispatcher.stop();
  const rate = sentAtStop / elapsed;
  // From the first message on: a dispatcher taking the send lease waits one second before its first
  // paced send (the previous holder's last second is not known), which a 30-second window shows
  // and a national fan-out of hours does not.
  const steadyRate = firstAcceptedAt === undefined ? 0 : (sentAtStop - 1) / ((stoppedAt - firstAcceptedAt) / 1000);
  const [{ n: recorded } = { n: 0 }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from outbound_messages where status = 'sent'`);
  console.log(
    `${c.name} send: ${sentAtStop} delivered in ${elapsed.toFixed(1)} s = ${rate.toFixed(2)} msg/s against ${ALLOWED_PER_SECOND}/s allowed ` +
      `(${((rate / ALLOWED_PER_SECOND) * 100).toFixed(1)}%), 429s: ${refused}, recorded as sent: ${recorded}; ` +
      `from the first message on (after the send lease's 1 s hold-back): ${steadyRate.toFixed(2)} msg/s (${((steadyRate / ALLOWED_PER_SECOND) * 100).toFixed(1)}%)`,
  );
  console.log(
    `aim: queue 300,000 (time reported) · send ≥ 95% of the allowed rate with no 429 → ` +
      `${steadyRate / ALLOWED_PER_SECOND >= 0.95 && refused === 0 ? 'met' : 'NOT met'} from the first message on, ` +
      `${rate / ALLOWED_PER_SECOND >= 0.95 && refused === 0 ? 'met' : 'NOT met'} over the whole window`,
  );
  if (process.env.BENCH_GAPS && acceptedAt.length > 1) {
    const gaps = acceptedAt.slice(1).map((t, i) => [t - acceptedAt[i]!, i + 1] as const).sort((a, b) => b[0] - a[0]);
    console.log(`largest gaps between accepted messages (ms @ index): ${gaps.slice(0, 12).map(([g, i]) => `${g.toFixed(0)}@${i}`).join(' ')}`);
    const sorted = gaps.map(([g]) => g).sort((a, b) => a - b);
    console.log(`gap median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)} ms, sum over 40 ms: ${sorted.filter((g) => g > 40).reduce((a, g) => a + g - 34.5, 0).toFixed(0)} ms`);
  }
  return { queueMs, queued, rate, steadyRate, refused, recorded, sent: sentAtStop, elapsed };
}

// The checkouts take turns, so a burst of load from elsewhere on the machine hits them alike.
const results = new Map<string, Awaited<ReturnType<typeof measure>>[]>(contenders.map((c) => [c.name, []]));
for (let turn = 0; turn < TURNS; turn += 1) for (const c of contenders) results.get(c.name)!.push(await measure(c));
if (COMPARE) {
  console.log(`\nbefore/after in turns (${TURNS} each; ${COMPARE} = then), medians:`);
  console.log('checkout | queue s | send msg/s whole window | from the first message | 429s');
  for (const c of contenders) {
    const r = results.get(c.name)!;
    console.log(
      `${c.name.padEnd(8)} | ${(median(r.map((x) => x.queueMs)) / 1000).toFixed(2).padStart(7)} | ${median(r.map((x) => x.rate)).toFixed(2).padStart(23)} | ${median(r.map((x) => x.steadyRate)).toFixed(2).padStart(22)} | ${r.map((x) => x.refused).join(',')}`,
    );
  }
}
await handle.close();
fake.close();
