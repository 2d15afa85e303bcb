import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readStoredJson, StoredJsonError, type StoredJsonFormat } from '../../src/core/stored-json.js';
import { readPayload } from '../../src/delivery/payload.js';
import { readStoredZaloEvent } from '../../src/channels/zalo/translate-event.js';
import { readStoredUpdate } from '../../src/channels/telegram/translate-update.js';
import { readExportRequest } from '../../src/services/export-job.js';

const format: StoredJsonFormat<{ name: string; tags: string[] }> = {
  table: 'things',
  column: 'data',
  version: 2,
  schema: z.object({ name: z.string(), tags: z.array(z.string()) }),
  // Version 1 kept one tag as `tag`.
  upgrade: (value) => {
    const v = value as { name?: unknown; tag?: unknown };
    return typeof v.tag === 'string' ? { name: v.name, tags: [v.tag] } : value;
  },
};

describe('readStoredJson', () => {
  it('reads the current shape as it is and an older one through the upgrade', () => {
    expect(readStoredJson(format, 1, { name: 'a', tags: ['x'] }, null)).toEqual({ name: 'a', tags: ['x'] });
    expect(readStoredJson(format, 2, { name: 'b', tag: 'y' }, null)).toEqual({ name: 'b', tags: ['y'] });
  });

  it('refuses anything else with an AppError naming the table, the row and the column', () => {
    const read = () => readStoredJson(format, 7, { name: 3 }, null);
    expect(read).toThrow(StoredJsonError);
    expect(read).toThrow(/^things row 7: data does not parse \(name: /);
    try {
      read();
    } catch (error) {
      expect((error as StoredJsonError).code).toBe('STORED_JSON_INVALID');
      expect((error as StoredJsonError).context).toEqual({ table: 'things', column: 'data', id: 7 });
    }
  });
});

describe('outbound_messages.payload', () => {
  it('reads a ready reply, and one from before exports were jobs as the reply it was', () => {
    const reply = { text: 'Chọn đơn vị', choices: [{ label: 'Chi bộ 1', value: 'unit:1' }], conversationId: 3, version: 2 };
    expect(readPayload({ id: 1, payload: reply })).toEqual(reply);
    const exportJob = { personId: 1, unitId: 2, subtree: true, from: '2026-01-01', to: '2026-11-01', format: 'xlsx' };
    expect(readPayload({ id: 2, payload: { text: 'Tệp', exportJob } })).toEqual({ text: 'Tệp' });
  });

  it('reads a notice, with older rows that did not keep the period, and a digest\'s deadlines as instants', () => {
    const reminder = { notice: 'reminder', quiet: { fromHour: 21, untilHour: 7 }, params: { person: 'A', unit: 'Chi bộ 1', unitId: 5, period: '11/2026', due: '25/11/2026', daysLeft: 3, started: false } };
    expect(readPayload({ id: 3, payload: reminder })).toEqual(reminder);
    const digest = readPayload({
      id: 4,
      payload: {
        notice: 'digest',
        params: {
          person: 'B',
          timeZone: 'Asia/Ho_Chi_Minh',
          figures: {
            unit: { id: 1, code: 'KT', name: 'Tỉnh' },
            month: '2026-11-01',
            previousMonth: '2026-10-01',
            submission: { total: { expected: 1, submitted: 1, onTime: 1, late: 0, notSent: 0 }, bySubunit: [] },
            totals: {
              current: { month: '2026-11-01', reports: 1, noActivityReports: 0, meetingsHeld: 1, membersPresent: 9, membersTotal: 10, modelAnswers: 1, activities: 2, participants: 30 },
              previous: { month: '2026-10-01', reports: 0, noActivityReports: 0, meetingsHeld: 0, membersPresent: 0, membersTotal: 0, modelAnswers: 0, activities: 0, participants: 0 },
            },
            inactiveModels: { total: 0, items: [] },
            raised: { total: 0, items: [] },
            deadlines: [{ id: 1, kind: 'so_ket', title: 'Sơ kết', scopeUnitId: 1, scopeUnitName: 'Tỉnh', coversFrom: '2026-01-01', coversTo: '2026-06-01', dueAt: '2026-12-15T10:00:00.000Z' }],
          },
        },
      },
    });
    expect(digest).toMatchObject({ notice: 'digest' });
    expect((digest as { params: { figures: { deadlines: { dueAt: unknown }[] } } }).params.figures.deadlines[0]!.dueAt).toEqual(new Date('2026-12-15T10:00:00.000Z'));
  });

  it('reads the review\'s notices (issue 19) as queued, and keeps a digest\'s review figures', () => {
    const review = { person: 'A', unit: 'Chi bộ 1', period: '11/2026', reviewer: 'Đinh Văn Lãnh', reportId: 7, version: 2 };
    const notices = [
      { notice: 'report-returned', quiet: { fromHour: 21, untilHour: 7 }, params: { ...review, comment: 'Chưa khớp sổ theo dõi' } },
      { notice: 'report-approved', params: review },
      { notice: 'month-opened', params: { person: 'A', unit: 'Chi bộ 1', unitId: 5, periodId: 40, period: '9/2026', until: '30/12/2026', by: 'Đinh Văn Lãnh' } },
    ];
    for (const [i, notice] of notices.entries()) expect(readPayload({ id: 20 + i, payload: notice })).toEqual(notice);
    const figures = {
      unit: { id: 1, code: 'KT', name: 'Tỉnh' },
      month: '2026-11-01',
      previousMonth: '2026-10-01',
      submission: { total: { expected: 0, submitted: 0, onTime: 0, late: 0, notSent: 0 }, bySubunit: [] },
      totals: {
        current: { month: '2026-11-01', reports: 0, noActivityReports: 0, meetingsHeld: 0, membersPresent: 0, membersTotal: 0, modelAnswers: 0, activities: 0, participants: 0 },
        previous: { month: '2026-10-01', reports: 0, noActivityReports: 0, meetingsHeld: 0, membersPresent: 0, membersTotal: 0, modelAnswers: 0, activities: 0, participants: 0 },
      },
      inactiveModels: { total: 0, items: [] },
      raised: { total: 0, items: [] },
      deadlines: [],
      review: { counts: { pending: 2, approved: 5, returned: 1 }, waiting: { total: 1, items: [{ unitName: 'Chi bộ 1', month: '2026-11-01' }] } },
    };
    expect(readPayload({ id: 30, payload: { notice: 'digest', params: { person: 'B', timeZone: 'Asia/Ho_Chi_Minh', figures } } })).toEqual({
      notice: 'digest',
      params: { person: 'B', timeZone: 'Asia/Ho_Chi_Minh', figures },
    });
  });

  it('names the row of a payload that is neither', () => {
    expect(() => readPayload({ id: 9, payload: { notice: 'reminder', params: {} } })).toThrow(/^outbound_messages row 9: payload does not parse/);
    expect(() => readPayload({ id: 10, payload: 'text' })).toThrow(StoredJsonError);
  });
});

describe('webhook_inbox.event (Zalo) and export_jobs.request', () => {
  it('reads a Zalo event with the fields it does not know kept, and names a row that is not one', () => {
    const event = { event_name: 'user_send_text', timestamp: '1790000000000', sender: { id: 'u1' }, message: { msg_id: 'm1', text: 'hai' }, extra: { a: 1 } };
    expect(readStoredZaloEvent({ id: 1, event })).toEqual(event);
    expect(() => readStoredZaloEvent({ id: 2, event: [1, 2] })).toThrow(/^webhook_inbox row 2: event does not parse/);
    expect(() => readStoredZaloEvent({ id: 3, event: { sender: { id: 5 } } })).toThrow(StoredJsonError);
  });

  it('reads a kept Telegram update and names a row that is not one', () => {
    const update = { update_id: 42, message: { message_id: 1, date: 0, chat: { id: 7, type: 'private' }, text: 'hai' } };
    expect(readStoredUpdate({ id: 5, event: update })).toEqual(update);
    expect(() => readStoredUpdate({ id: 6, event: { message: {} } })).toThrow(/^webhook_inbox row 6: event does not parse/);
  });

  it('names an export job whose request does not parse', () => {
    expect(() => readExportRequest({ id: 4, request: { caption: 'x', job: { unitId: 'one' } } })).toThrow(/^export_jobs row 4: request does not parse/);
  });
});
