import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { startService, type RunningService } from '../../../src/service.js';
import { createInvitation } from '../../../src/services/invite.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';

let dir: string;
let fake: FakeTelegram;
let service: RunningService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-poll-'));
  fake = await new FakeTelegram().start();
  const config = parseConfig({
    DATA_DIR: join(dir, 'data'),
    HTTP_PORT: '0',
    TELEGRAM_BOT_TOKEN: '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz',
    TELEGRAM_API_ROOT: fake.url,
  });
  service = await startService(config, { log: createLogger('silent'), now: () => new Date(), scheduler: false });
});
afterAll(async () => {
  await service.stop();
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Telegram by long polling (no webhook secret)', () => {
  it('drops any webhook, fetches updates itself, and answers one chat in order', async () => {
    await service.telegram!.connected();
    expect(fake.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
    const code = (await createInvitation(service.database.db, { unitCode: 'KT.KONRAY.HKL', role: 'secretary', days: 7, now: new Date() })).code;
    const user = telegramUser(8101, 'A Thút');
    fake.pushUpdate(user.text('xin chào'));
    fake.pushUpdate(user.text(`/start ${code}`));
    fake.pushUpdate(user.text('/trogiup'));
    await fake.waitFor(() => fake.sent(8101).length === 3);
    const texts = fake.sent(8101).map((m) => m.text);
    expect(texts[0]).toContain('liên kết mời');
    expect(texts[1]).toContain('Chào mừng đồng chí A Thút');
    expect(texts[2]).toContain('/baocao');
  });
});
