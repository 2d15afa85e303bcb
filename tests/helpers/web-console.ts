import { eq } from 'drizzle-orm';
import { createLogger } from '../../src/log.js';
import { issueWebLink } from '../../src/services/web-sign-in.js';
import type { Database } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createWebApp, type WebDependencies } from '../../src/web/web-app.js';
import { createPhotoRoutes } from '../../src/web/photo-route.js';
import type { MediaStore } from '../../src/media/media-store.js';

export const ORIGIN = 'http://console.test';

/** The web console over a database, with a clock the test moves; requests go through app.request. */
export function webConsole(db: Database, start: Date, options: Pick<WebDependencies, 'exportWaitMs' | 'photoRoutes' | 'overviewCacheMs' | 'telegramUsername' | 'zaloOaId'> & { mediaStore?: MediaStore } = {}) {
  let now = start;
  const { mediaStore, ...rest } = options;
  // With a media store, the real photo route is mounted at /anh, as the service mounts it.
  const photoRoutes: WebDependencies['photoRoutes'] = mediaStore ? (resolveScopePaths) => createPhotoRoutes({ db, store: mediaStore, resolveScopePaths }) : rest.photoRoutes;
  const app = createWebApp({ db, log: createLogger('silent'), timeZone: 'Asia/Ho_Chi_Minh', now: () => now, secureCookies: false, ...rest, ...(photoRoutes ? { photoRoutes } : {}) });
  const request = (path: string, init: RequestInit & { cookie?: string; origin?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('host', 'console.test');
    if (init.cookie) headers.set('cookie', init.cookie);
    if (init.origin !== null && (init.method ?? 'GET') !== 'GET') headers.set('origin', init.origin ?? ORIGIN);
    return app.request(`${ORIGIN}${path}`, { ...init, headers, redirect: 'manual' });
  };
  const post = (path: string, form: Record<string, string>, init: { cookie?: string; origin?: string | null } = {}) =>
    request(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...init });
  return {
    app,
    request,
    post,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
    /** A one-time link for a person, as /web would give it: the token part. */
    link: async (personId: number) => {
      const url = await issueWebLink(db, { personId, now, baseUrl: ORIGIN });
      if (!url) throw new Error(`person ${personId} holds no role`);
      return url.slice(url.lastIndexOf('/') + 1);
    },
    /** Signs a person in through a link and the «Đăng nhập» button; returns a browser for them. */
    signIn: async function (personId: number) {
      const token = await this.link(personId);
      const res = await post('/dang-nhap', { token });
      if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await (await request('/', { cookie })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      return {
        cookie,
        csrf,
        get: (path: string) => request(path, { cookie }),
        post: (path: string, form: Record<string, string>, init: { origin?: string | null } = {}) => post(path, { _csrf: csrf, ...form }, { cookie, ...init }),
      };
    },
  };
}

/** The person holding a role in a unit (by code), for tests that sign in as them. */
export async function personWithRole(db: Database, unitCode: string, role: 'leader' | 'secretary' | 'deputy' | 'admin'): Promise<number> {
  const rows = await db
    .select({ personId: t.unitRoles.personId, role: t.unitRoles.role })
    .from(t.unitRoles)
    .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.unitRoles.unitId))
    .where(eq(t.orgUnits.code, unitCode));
  const found = rows.find((r) => r.role === role);
  if (!found) throw new Error(`nobody is ${role} of ${unitCode}`);
  return found.personId;
}

export async function unitId(db: Database, code: string): Promise<number> {
  const [row] = await db.select({ id: t.orgUnits.id }).from(t.orgUnits).where(eq(t.orgUnits.code, code));
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}

export async function personNamed(db: Database, fullName: string): Promise<number> {
  const [row] = await db.select({ id: t.people.id }).from(t.people).where(eq(t.people.fullName, fullName));
  if (!row) throw new Error(`nobody named ${fullName}`);
  return row.id;
}

/** Makes a new person an admin of the organisation a unit belongs to (the demo has none): their id. */
export async function makeAdmin(db: Database, unitCode: string, fullName = 'Quản Trị Viên'): Promise<number> {
  const id = await unitId(db, unitCode);
  const [person] = await db.insert(t.people).values({ fullName }).returning({ id: t.people.id });
  await db.insert(t.unitRoles).values({ personId: person!.id, unitId: id, role: 'admin' });
  return person!.id;
}
