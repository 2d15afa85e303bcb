import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleInbound } from '../../src/services/inbound.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-23T03:00:00Z'); // 23/11 10:00 in Vietnam, before the due date
let handle: DatabaseHandle;
let updateId = 0;

beforeEach(async () => {
  handle = await createDemoOnTelegram(timeZone);
});
afterEach(async () => {
  await handle.close();
});

/** What the bot answers `person` (by full name) who types `text`. */
async function ask(person: string, text: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(handle.db, sql`select a.external_user_id as id from channel_accounts a join people p on p.id = a.person_id where p.full_name = ${person}`);
  updateId += 1;
  const outcome = await handleInbound(
    handle.db,
    { channel: 'telegram', externalId: `l${updateId}`, receivedAt: now, from: { externalUserId: row!.id, chatId: row!.id }, message: { type: 'text', text } },
    { timeZone },
  );
  return outcome.toSend.map((s) => (s.message.payload as OutboundPayload).text).join('\n');
}

const name = async (code: string) => (await findUnitByCode(handle.db, code))!.name;

describe('/chuanop: who has not sent', () => {
  it("lists the leader's own subtree's unsent units with their secretaries, and nothing outside it", async () => {
    const text = await ask('Lê Quang Vinh', '/chuanop');
    expect(text).toContain('chưa gửi báo cáo tháng 11/2026 (hạn 25/11/2026)');
    for (const code of ['KT.KONRAY.HKL', 'KT.KONRAY.DTL.KONLUNG', 'KT.KONRAY.DTL', 'KT.KONRAY.DTL.THDTL']) expect(text).toContain(await name(code));
    expect(text).toContain('bí thư Bùi Đức Thắng');
    // Sent already (the demo at 21/11 10:00: Mặt trận and Trường THCS, since the period opened on the 20th),
    // no mô hình to report on, or outside Kon Rẫy:
    for (const code of ['KT.KONRAY.MT', 'KT.KONRAY.DR.THCS', 'KT.KONRAY.DTL.KONBRAI', 'KT.KONPLONG.DRING', 'AG.LONGBINH.LONGHOA']) {
      expect(text).not.toContain(await name(code));
    }
  });

  it('the typed label "chưa nộp" works too, and a secretary is told it is for leaders', async () => {
    expect(await ask('Lê Quang Vinh', 'Chưa nộp')).toContain('đơn vị chưa gửi');
    expect(await ask('Bùi Đức Thắng', '/chuanop')).toContain('dành cho đồng chí lãnh đạo');
  });
});

describe('/donvi <code>: one unit', () => {
  it('shows a unit below the leader month by month, with its figures', async () => {
    const text = await ask('Lê Quang Vinh', '/donvi KT.KONRAY.MT');
    expect(text).toContain(`${await name('KT.KONRAY.MT')} (KT.KONRAY.MT)`);
    // Sent after the period opened (20/11, 08:00) and before the demo's clock (21/11, 10:00).
    expect(text).toMatch(/Tháng 11\/2026: đã gửi (20|21)\/11\/2026/);
    expect(text).toMatch(/Tháng 10\/2026: /);
    expect(text.split('\n').length).toBe(7); // the heading and six months
  });

  it('refuses a unit outside the leader’s subtree, an unknown code, and explains the usage', async () => {
    expect(await ask('Lê Quang Vinh', '/donvi AG.LONGBINH')).toContain('không thuộc phạm vi');
    expect(await ask('Lê Quang Vinh', '/donvi KT.KHONGCO')).toContain('Không có đơn vị mã "KT.KHONGCO"');
    expect(await ask('Lê Quang Vinh', '/donvi')).toContain('/donvi KT.KONRAY.HKL');
  });

  it("lets a secretary see their own unit, and only it", async () => {
    expect(await ask('Bùi Đức Thắng', '/donvi kt.konray.hkl')).toContain('Tháng 11/2026: chưa gửi');
    expect(await ask('Bùi Đức Thắng', '/donvi KT.KONRAY.MT')).toContain('không thuộc phạm vi');
  });
});

describe('/tonghop: the digest now', () => {
  it("gives a leader the digest of their unit's subtree, and a secretary a refusal", async () => {
    const text = await ask('Đinh Văn Tú', '/tonghop');
    expect(text).toContain(`tổng hợp tuần của ${await name('KT.KONRAY.DTL')}, báo cáo tháng 11/2026`);
    expect(text).toContain(await name('KT.KONRAY.DTL.KONLUNG'));
    expect(text).not.toContain(await name('KT.KONRAY.HKL'));
    expect(await ask('Đinh Văn Tú', 'Tổng hợp')).toContain('Đã gửi');
    expect(await ask('Bùi Đức Thắng', '/tonghop')).toContain('dành cho đồng chí lãnh đạo');
  });
});
