import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderNotice, type NoticePayload } from '../../src/core/notices.js';
import { runTick } from '../../src/jobs/run-tick.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const local = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+07:00`);
let handle: DatabaseHandle;

beforeEach(async () => {
  handle = await createDemoOnTelegram(timeZone);
});
afterEach(async () => {
  await handle.close();
});

async function digests(): Promise<({ person: string; key: string; at: Date } & ReturnType<typeof renderNotice>)[]> {
  const rows = await queryRows<{ person: string; key: string; at: string | Date; payload: NoticePayload }>(
    handle.db,
    sql`select p.full_name as person, o.dedupe_key as key, o.created_at as at, o.payload
          from outbound_messages o join channel_accounts a on a.id = o.account_id join people p on p.id = a.person_id
         where o.purpose = 'digest' order by o.id`,
  );
  return rows.map((r) => ({ person: r.person, key: r.key, at: new Date(r.at), ...renderNotice(r.payload) }));
}

const name = async (code: string) => (await findUnitByCode(handle.db, code))!.name;

describe('the weekly digest', () => {
  it('goes to every leader on Monday 07:30, once, about their own subtree only', async () => {
    for (const wall of ['2026-11-22 07:30', '2026-11-23 07:00', '2026-11-23 07:30', '2026-11-23 12:00', '2026-11-24 07:30']) {
      await runTick(handle.db, { now: local(wall), timeZone });
    }
    const all = await digests();
    expect(all.length).toBeGreaterThan(10);
    for (const d of all) expect(d.at).toEqual(local('2026-11-23 07:30'));
    expect(new Set(all.map((d) => d.key)).size).toBe(all.length);

    // Đinh Văn Tú leads the xã Đăk Tơ Lung: its chi bộ, and nothing of the rest of Kon Rẫy or beyond.
    const tu = all.filter((d) => d.person === 'Đinh Văn Tú');
    expect(tu).toHaveLength(1);
    const text = tu[0]!.text;
    expect(text).toContain(`Kính gửi đồng chí Đinh Văn Tú: tổng hợp tuần của ${await name('KT.KONRAY.DTL')}, báo cáo tháng 11/2026.`);
    expect(text).toMatch(/Đã gửi \d+\/\d+ đơn vị \(\d+(,\d)?%\)/);
    for (const code of ['KT.KONRAY.DTL.KONLUNG', 'KT.KONRAY.DTL.THDTL']) expect(text).toContain(await name(code));
    for (const code of ['KT.KONRAY.HKL', 'KT.KONRAY.MT', 'KT.KONPLONG.DRING', 'AG.LONGBINH', 'LC.MUONGTE']) expect(text).not.toContain(await name(code));
    expect(text).toContain('so với tháng trước');
    expect(text).toContain('Tổng kết năm 2026');
    expect(tu[0]!.chart!.title).toBe(`Tỷ lệ gửi báo cáo tháng 11/2026 – ${await name('KT.KONRAY.DTL')}`);
    expect(tu[0]!.chart!.bars.map((b) => b.label)).toContain(await name('KT.KONRAY.DTL.KONLUNG'));
    // A leader of a huyện dissolved in 2025 gets no digest.
    expect(all.filter((d) => d.person === 'Lê Quang Vinh')).toEqual([]);

    // The province's leader sees the whole province, by huyện.
    const province = all.find((d) => d.person === 'Phạm Minh Hải')!;
    expect(province.text).toContain(await name('KT.KONRAY'));
    expect(province.text).toContain(await name('KT.KONPLONG'));
    expect(province.text).not.toContain(await name('AG.LONGBINH'));
  });
});

describe('delivering the digest', () => {
  it('sends the chart as a photo, then the text, to the leader on Telegram', async () => {
    const { FakeTelegram } = await import('../helpers/fake-telegram.js');
    const { TelegramSender } = await import('../../src/channels/telegram/telegram-sender.js');
    const { OutboxDispatcher } = await import('../../src/delivery/dispatcher.js');
    const { createLogger } = await import('../../src/log.js');
    const { Bot } = await import('grammy');
    const telegram = await new FakeTelegram().start();
    try {
      const at = local('2026-11-23 07:30');
      await runTick(handle.db, { now: at, timeZone });
      await handle.db.execute(sql`delete from outbound_messages where purpose <> 'digest' or account_id <> (
        select a.id from channel_accounts a join people p on p.id = a.person_id where p.full_name = 'Đinh Văn Tú')`);
      const sender = new TelegramSender(new Bot('123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz', { client: { apiRoot: telegram.url } }).api);
      const dispatcher = new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: () => at, log: createLogger('silent'), timeZone });
      expect(await dispatcher.drain()).toBe(1);
      const calls = telegram.calls.filter((c) => c.method === 'sendPhoto' || c.method === 'sendMessage');
      expect(calls.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
      expect(calls[0]!.body.caption).toBe(`Tỷ lệ gửi báo cáo tháng 11/2026 – ${await name('KT.KONRAY.DTL')}`);
      expect((calls[0]!.body.photo as { size: number }).size).toBeGreaterThan(1000);
      expect(String(calls[1]!.body.text)).toContain('Kính gửi đồng chí Đinh Văn Tú');
    } finally {
      await telegram.stop();
    }
  });
});
