import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

const MIGRATIONS = new URL('../../migrations/', import.meta.url);

/** The journal's migrations in order, by tag. */
async function journal(): Promise<string[]> {
  const parsed = JSON.parse(await readFile(new URL('meta/_journal.json', MIGRATIONS), 'utf8')) as { entries: { tag: string }[] };
  return parsed.entries.map((e) => e.tag);
}

/** Applies one migration file as drizzle does: its statements in one transaction. */
async function apply(db: PGlite, tag: string): Promise<void> {
  const text = await readFile(new URL(`${tag}.sql`, MIGRATIONS), 'utf8');
  await db.transaction(async (tx) => {
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) await tx.exec(statement);
  });
}

describe('migration 0018 (export_jobs)', () => {
  it('moves the export replies still queued into export jobs and closes them, leaving other replies alone', async () => {
    const db = new PGlite();
    const tags = await journal();
    const at = tags.indexOf('0018_export_jobs');
    expect(at).toBeGreaterThan(0);
    for (const tag of tags.slice(0, at)) await apply(db, tag);

    const [person] = (await db.query<{ id: number }>(`insert into people (full_name) values ('Nguyễn Văn A') returning id`)).rows;
    const [account] = (await db.query<{ id: number }>(`insert into channel_accounts (channel, external_user_id, chat_id) values ('telegram', '7', '7') returning id`)).rows;
    const exportJob = { personId: person!.id, unitId: 3, subtree: true, from: '2026-01-01', to: '2026-11-01', format: 'xlsx' };
    const insert = (key: string, status: string, payload: unknown) =>
      db.query(`insert into outbound_messages (account_id, purpose, dedupe_key, payload, status, sent_at) values ($1, 'reply', $2, $3, $4::delivery_status, case when $4::text = 'sent' then now() end)`, [
        account!.id,
        key,
        JSON.stringify(payload),
        status,
      ]);
    await insert('reply:telegram:1:1', 'pending', { text: 'Tệp số liệu', exportJob });
    await insert('reply:telegram:2:1', 'sent', { text: 'Đã gửi', exportJob, document: { fileId: 1, fileName: 'a.xlsx' } });
    await insert('reply:telegram:3:0', 'pending', { text: 'Chào đồng chí' });

    await apply(db, '0018_export_jobs');

    const jobs = (await db.query<{ person_id: number; account_id: number; dedupe_key: string; status: string; request: unknown }>('select person_id, account_id, dedupe_key, status, request from export_jobs')).rows;
    expect(jobs).toEqual([{ person_id: person!.id, account_id: account!.id, dedupe_key: 'export:reply:telegram:1:1', status: 'pending', request: { caption: 'Tệp số liệu', job: exportJob } }]);
    const replies = (await db.query<{ dedupe_key: string; status: string }>('select dedupe_key, status from outbound_messages order by id')).rows;
    expect(replies).toEqual([
      { dedupe_key: 'reply:telegram:1:1', status: 'failed' },
      { dedupe_key: 'reply:telegram:2:1', status: 'sent' },
      { dedupe_key: 'reply:telegram:3:0', status: 'pending' },
    ]);
    await db.close();
  });
});
