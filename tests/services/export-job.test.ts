import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../src/delivery/dispatcher.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import type { ChannelSender, OutboundFile, Recipient } from '../../src/delivery/port.js';
import { vi as messages } from '../../src/core/messages/vi.js';
import { createLogger } from '../../src/log.js';
import { EXPORT_MAX_ATTEMPTS, ExportJobRunner, forgetOldFiles } from '../../src/services/export-job.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { touchAccount } from '../../src/storage/queries/channel-accounts.js';
import { enqueueExportJobs } from '../../src/storage/queries/export-jobs.js';
import { insertGeneratedFile } from '../../src/storage/queries/generated-files.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

const timeZone = 'Asia/Ho_Chi_Minh';
let handle: DatabaseHandle;
let clock: Date;
beforeEach(async () => {
  handle = await createTestDatabase();
  clock = new Date('2026-11-25T03:00:00Z');
  await seedDemo(handle.db, { now: new Date('2026-11-21T03:00:00Z'), timeZone });
});
afterEach(async () => {
  await handle.close();
});

/** A channel that records what it was given, files included. */
class RecordingSender implements ChannelSender {
  readonly channel = 'telegram' as const;
  readonly delivered: { text: string; file?: OutboundFile }[] = [];
  async send(_to: Recipient, payload: OutboundPayload, file?: OutboundFile) {
    this.delivered.push({ text: payload.text, ...(file ? { file } : {}) });
    return { externalMessageId: String(this.delivered.length) };
  }
}

async function setUp(request: unknown) {
  const sender = new RecordingSender();
  const dispatcher = new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: () => clock, log: createLogger('silent'), timeZone });
  const runner = new ExportJobRunner(handle.db, { dispatcher, now: () => clock, timeZone, log: createLogger('silent') });
  const account = await touchAccount(handle.db, { channel: 'telegram', externalUserId: '77', chatId: '77', at: clock });
  const { personId } = await aUnitAndPerson();
  const [job] = await enqueueExportJobs(handle.db, [{ personId, accountId: account.id, dedupeKey: 'reply:telegram:1:1', request }], clock);
  return { sender, dispatcher, runner, job: job! };
}

async function aUnitAndPerson() {
  const [unit] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.kind, 'xa')).limit(1);
  const [person] = await handle.db.select().from(t.people).limit(1);
  return { unitId: unit!.id, personId: person!.id };
}

async function jobRow(id: number) {
  const [row] = await handle.db.select().from(t.exportJobs).where(eq(t.exportJobs.id, id));
  return row!;
}

describe('exports asked for in a chat, rendered as jobs of their own', () => {
  it('renders the file once, then sends it as a document captioned with the reply', async () => {
    const { unitId, personId } = await aUnitAndPerson();
    const { sender, runner, job } = await setUp({ caption: 'Số liệu của xã', job: { personId, unitId, subtree: true, from: '2026-06-01', to: '2026-11-01', format: 'xlsx' } });
    const n = await runner.run([job.id]);
    expect(n).toBe(1);
    expect(sender.delivered).toHaveLength(1);
    expect(sender.delivered[0]!.text).toBe('Số liệu của xã');
    expect(sender.delivered[0]!.file?.fileName).toMatch(/\.xlsx$/);
    expect(sender.delivered[0]!.file!.bytes.length).toBeGreaterThan(1000);
    const done = await jobRow(job.id);
    expect(done.status).toBe('sent');
    const [reply] = await handle.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.id, done.outboundId!));
    expect(reply!.dedupeKey).toBe('reply:telegram:1:1');
    // Done is done: a second run renders nothing more.
    expect(await runner.run()).toBe(0);
    expect(await handle.db.select({ id: t.generatedFiles.id }).from(t.generatedFiles)).toHaveLength(1);
  });

  it('retries a rendering that fails, and gives up after the attempts allowed', async () => {
    const { personId } = await aUnitAndPerson();
    const { sender, runner, job } = await setUp({ caption: 'x', job: { personId, unitId: 987_654, subtree: false, from: '2026-06-01', to: '2026-11-01', format: 'csv' } });
    expect(await runner.run()).toBe(0);
    const retried = await jobRow(job.id);
    expect(retried.status).toBe('pending');
    expect(retried.lastError).toContain('987654');
    expect(retried.nextAttemptAt.getTime()).toBeGreaterThan(clock.getTime());
    for (let attempt = 2; attempt <= EXPORT_MAX_ATTEMPTS; attempt += 1) {
      clock = new Date(clock.getTime() + 3_600_000);
      await runner.run();
    }
    expect((await jobRow(job.id)).status).toBe('failed');
    // Given up: the person who asked is told, once.
    expect(sender.delivered.map((d) => d.text)).toEqual([messages.export.sendFailed]);
    await runner.run();
    expect(sender.delivered).toHaveLength(1);
  });

  it('refuses a stored request that does not parse, naming its row, without retrying it', async () => {
    const { runner, job } = await setUp({ caption: 'x', job: { unitId: 'not a number' } });
    expect(await runner.run()).toBe(0);
    const failed = await jobRow(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain(`export_jobs row ${job.id}`);
  });
});

describe('exports asked for on the web console', () => {
  it('renders the file for the person, records it on the job and queues no chat reply', async () => {
    const { unitId, personId } = await aUnitAndPerson();
    const runner = new ExportJobRunner(handle.db, { now: () => clock, timeZone, log: createLogger('silent') });
    const [job] = await enqueueExportJobs(
      handle.db,
      [{ personId, accountId: null, dedupeKey: 'web:1', request: { caption: 'XA 2026-06–2026-11.csv', job: { personId, unitId, subtree: true, from: '2026-06-01', to: '2026-11-01', format: 'csv' } } }],
      clock,
      { claim: true },
    );
    // Queued claimed: the sweep leaves it to the one who queued it.
    expect(await runner.run()).toBe(0);
    const [rendered] = await runner.runClaimed([job!]);
    expect(rendered).toEqual({ jobId: job!.id, fileId: expect.any(Number), outboundId: null });
    const done = await jobRow(job!.id);
    expect(done.status).toBe('sent');
    expect(done.fileId).toBe(rendered!.fileId);
    const [file] = await handle.db.select().from(t.generatedFiles).where(eq(t.generatedFiles.id, rendered!.fileId));
    expect(file!.personId).toBe(personId);
    expect(file!.fileName).toMatch(/\.csv$/);
    expect(await handle.db.select().from(t.outboundMessages)).toEqual([]);
  });

  it('is finished by the sweep once the claim of a renderer that died runs out', async () => {
    const { unitId, personId } = await aUnitAndPerson();
    const runner = new ExportJobRunner(handle.db, { now: () => clock, timeZone, log: createLogger('silent') });
    const [job] = await enqueueExportJobs(
      handle.db,
      [{ personId, accountId: null, dedupeKey: 'web:2', request: { caption: 'x', job: { personId, unitId, subtree: false, from: '2026-06-01', to: '2026-11-01', format: 'csv' } } }],
      clock,
      { claim: true },
    );
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect(await runner.run()).toBe(1);
    expect((await jobRow(job!.id)).status).toBe('sent');
  });
});

describe('forgetOldFiles', () => {
  it('forgets exported files older than a week and keeps the newer ones', async () => {
    const file = (daysAgo: number) =>
      insertGeneratedFile(handle.db, { personId: null, fileName: `${daysAgo}.csv`, contentType: 'text/csv', content: new Uint8Array([1]), at: new Date(clock.getTime() - daysAgo * 86_400_000) });
    await file(8);
    await file(6);
    await forgetOldFiles(handle.db, clock);
    expect((await handle.db.select({ fileName: t.generatedFiles.fileName }).from(t.generatedFiles)).map((f) => f.fileName)).toEqual(['6.csv']);
  });

  it('forgets finished export jobs older than a week, never one still to render', async () => {
    const { personId } = await aUnitAndPerson();
    const job = async (key: string, daysAgo: number) => {
      const [row] = await enqueueExportJobs(handle.db, [{ personId, accountId: null, dedupeKey: key, request: {} }], new Date(clock.getTime() - daysAgo * 86_400_000));
      return row!.id;
    };
    const oldDone = await job('old-done', 8);
    await handle.db.update(t.exportJobs).set({ status: 'sent' }).where(eq(t.exportJobs.id, oldDone));
    const oldFailed = await job('old-failed', 8);
    await handle.db.update(t.exportJobs).set({ status: 'failed' }).where(eq(t.exportJobs.id, oldFailed));
    await job('old-pending', 8);
    await job('new-failed', 6);
    await forgetOldFiles(handle.db, clock);
    expect((await handle.db.select({ key: t.exportJobs.dedupeKey }).from(t.exportJobs).orderBy(t.exportJobs.id)).map((j) => j.key)).toEqual(['old-pending', 'new-failed']);
  });
});
