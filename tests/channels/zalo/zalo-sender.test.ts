import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../../src/delivery/port.js';
import { ZaloApi } from '../../../src/channels/zalo/zalo-api.js';
import { ZaloSender } from '../../../src/channels/zalo/zalo-sender.js';
import { ZaloTokens } from '../../../src/channels/zalo/zalo-tokens.js';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import { createTestDatabase } from '../../helpers/database.js';
import { FakeZalo } from '../../helpers/fake-zalo.js';

let fake: FakeZalo;
let handle: DatabaseHandle;
let sender: ZaloSender;
const now = new Date('2026-11-20T01:00:00Z');
const to = { accountId: 1, chatId: 'z-9' };

beforeAll(async () => {
  fake = await new FakeZalo('refresh-sender').start();
  fake.now = () => now;
  fake.templates.add('301001');
  fake.interacted('z-9', now);
  handle = await createTestDatabase();
  const api = new ZaloApi({ apiRoot: fake.url, oauthRoot: fake.url, appId: '42', appSecret: 'app-secret' });
  const tokens = new ZaloTokens(handle.db, api, { now: () => now, configuredRefreshToken: 'refresh-sender' });
  await tokens.init();
  sender = new ZaloSender(api, tokens, { reminder: '301001' });
});
afterAll(async () => {
  await handle.close();
  await fake.stop();
});

async function failure(promise: Promise<unknown>): Promise<ChannelSendError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelSendError);
  return error as ChannelSendError;
}

describe('ZaloSender', () => {
  it('splits a long text under 2,000 characters at line breaks, with the buttons on the last part', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Dòng ${i + 1}: chi bộ thôn Kon Rơ Wang báo cáo mô hình nuôi ong lấy mật.`);
    const before = fake.delivered('z-9').length;
    await sender.send(to, { text: lines.join('\n'), choices: [{ label: 'Gửi báo cáo', value: 'submit' }], conversationId: 7, version: 3 });
    const parts = fake.delivered('z-9').slice(before);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(2000);
    expect(parts.map((p) => p.text).join('\n')).toBe(lines.join('\n'));
    expect(parts.at(-1)!.buttons).toEqual([{ type: 'oa.query.hide', title: 'Gửi báo cáo', payload: '#7.3.submit' }]);
    expect(parts.slice(0, -1).every((p) => p.buttons.length === 0)).toBe(true);
  });

  it('uploads an image and shows it with its caption; uploads a document, then sends its text', async () => {
    await sender.send(to, { text: 'Biểu đồ tổng hợp' }, { fileName: 'tong-hop.png', bytes: new Uint8Array([137, 80, 78, 71]), contentType: 'image/png' });
    const image = fake.calls.filter((c) => c.endpoint === '/v3.0/oa/message/cs').at(-1)!.body.message as { text: string; attachment: { payload: { elements: { attachment_id: string }[] } } };
    expect(image.text).toBe('Biểu đồ tổng hợp');
    expect(image.attachment.payload.elements[0]?.attachment_id).toMatch(/^img-/);
    await sender.send(to, { text: 'Số liệu tháng 6–11/2026' }, { fileName: 'so-lieu.xlsx', bytes: new Uint8Array(2048) });
    const [file, caption] = fake.calls.filter((c) => c.endpoint === '/v3.0/oa/message/cs').slice(-2).map((c) => c.body.message as Record<string, unknown>);
    expect(file).toMatchObject({ attachment: { type: 'file', payload: { token: expect.stringMatching(/^file-/) } } });
    expect(caption).toMatchObject({ text: 'Số liệu tháng 6–11/2026' });
  });

  it("turns Zalo's error codes into what the outbox must do", async () => {
    fake.failNext('/v3.0/oa/message/cs', -213);
    expect((await failure(sender.send(to, { text: 'x' }))).failure).toBe('blocked');
    fake.failNext('/v3.0/oa/message/cs', -244);
    expect((await failure(sender.send(to, { text: 'x' }))).failure).toBe('blocked');
    fake.failNext('/v3.0/oa/message/cs', -230);
    expect((await failure(sender.send(to, { text: 'x' }))).failure).toBe('outside_window');
    fake.failNext('/v3.0/oa/message/cs', -32);
    const limited = await failure(sender.send(to, { text: 'x' }));
    expect(limited.failure).toBe('rate_limited');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    fake.failNext('/v3.0/oa/message/cs', -201);
    expect((await failure(sender.send(to, { text: 'x' }))).failure).toBe('permanent');
  });

  it('sends a template by purpose, and says outside_window when no template fits', async () => {
    await sender.send(to, { text: 'Nhắc hạn báo cáo tháng 11/2026\nCòn 3 ngày.', choices: [{ label: 'Báo cáo ngay', value: 'unit:12' }] }, undefined, { kind: 'template', purpose: 'reminder' });
    const call = fake.calls.at(-1)!;
    expect(call).toMatchObject({ endpoint: '/v3.0/oa/message/template', error: 0, body: { template_id: '301001' } });
    expect(call.body.template_data).toEqual({ tieu_de: 'Nhắc hạn báo cáo tháng 11/2026', noi_dung: 'Còn 3 ngày.', nut: 'Báo cáo ngay', ma_nut: '#.unit:12' });
    const error = await failure(sender.send(to, { text: 'Tổng hợp tuần' }, undefined, { kind: 'template', purpose: 'digest' }));
    expect(error.failure).toBe('outside_window');
  });
});
