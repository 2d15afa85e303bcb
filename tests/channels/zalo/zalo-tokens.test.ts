import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { ZaloApi } from '../../../src/channels/zalo/zalo-api.js';
import { ZaloTokenError, ZaloTokens } from '../../../src/channels/zalo/zalo-tokens.js';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createTestDatabase } from '../../helpers/database.js';
import { FakeZalo } from '../../helpers/fake-zalo.js';

let fake: FakeZalo;
let handle: DatabaseHandle;
let clock: Date;
let seed: string;
let seeds = 0;

beforeAll(async () => {
  fake = await new FakeZalo('refresh-unused').start();
  fake.now = () => clock;
});
afterAll(() => fake.stop());
beforeEach(async () => {
  clock = new Date('2026-11-10T01:00:00Z');
  handle = await createTestDatabase();
  seeds += 1;
  seed = `refresh-authorised-${seeds}`;
  fake.issueRefreshToken(seed);
});
afterEach(() => handle.close());

function instance(configured = seed): ZaloTokens {
  const api = new ZaloApi({ apiRoot: fake.url, oauthRoot: fake.url, appId: '42', appSecret: 'app-secret' });
  return new ZaloTokens(handle.db, api, { now: () => clock, configuredRefreshToken: configured });
}

describe('Zalo tokens shared through the database', () => {
  it('lets two instances refreshing at once spend the refresh token once and share the new token', async () => {
    fake.refreshDelayMs = 150;
    const a = instance();
    const b = instance();
    await a.init();
    await b.init();
    const before = fake.refreshCalls;
    const [first, second] = await Promise.all([a.accessToken(), b.accessToken()]);
    fake.refreshDelayMs = 0;
    expect(first).toBe(second);
    expect(fake.refreshCalls - before).toBe(1);
    const [row] = await handle.db.select().from(t.channelTokens);
    expect(row?.accessToken).toBe(first);
    expect(fake.isLiveRefreshToken(row!.refreshToken)).toBe(true);
  });

  it('renews an hour ahead of expiry, not before, and a second instance picks up the renewed token', async () => {
    const a = instance();
    await a.init();
    const token = await a.accessToken();
    const calls = fake.refreshCalls;
    clock = new Date(clock.getTime() + 20 * 3_600_000); // 5 h before the 25 h expiry
    expect(await a.accessToken()).toBe(token);
    clock = new Date(clock.getTime() + 4.5 * 3_600_000); // 30 min before it
    const renewed = await a.accessToken();
    expect(renewed).not.toBe(token);
    expect(fake.refreshCalls).toBe(calls + 1);
    const b = instance();
    expect(await b.accessToken()).toBe(renewed);
    expect(fake.refreshCalls).toBe(calls + 1);
  });

  it('keeps the stored pair across restarts, and takes a new refresh token from the environment when the OA is authorised again', async () => {
    const a = instance();
    await a.init();
    await a.accessToken();
    const [stored] = await handle.db.select().from(t.channelTokens);
    // A restart with the same environment must not bring back the spent initial token.
    await instance().init();
    const [again] = await handle.db.select().from(t.channelTokens);
    expect(again?.refreshToken).toBe(stored?.refreshToken);
    // The operator authorised again and set a new token.
    fake.issueRefreshToken('refresh-from-new-authorisation');
    await instance('refresh-from-new-authorisation').init();
    const [replaced] = await handle.db.select().from(t.channelTokens);
    expect(replaced).toMatchObject({ refreshToken: 'refresh-from-new-authorisation', accessToken: null });
    expect(await instance('refresh-from-new-authorisation').accessToken()).toMatch(/^access-/);
  });

  it('says plainly that the OA must be authorised again when Zalo refuses the refresh token', async () => {
    const a = instance('refresh-never-issued');
    await a.init();
    await expect(a.accessToken()).rejects.toThrow(ZaloTokenError);
    await expect(a.accessToken()).rejects.toThrow(/ZALO_REFRESH_TOKEN/);
  });
});
