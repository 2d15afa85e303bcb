/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseMonth } from '../core/figures/export-request.js';
import { vi } from '../core/messages/vi.js';
import type { Logger } from '../log.js';
import { resolveViewer, type Viewer } from '../services/web-sign-in.js';
import type { Database } from '../storage/client.js';
import { MessagePage } from './layout.js';
import { secretsMatch } from '../core/constant-time.js';
import { clearSessionCookie, isSameOrigin, readSessionCookie } from './security.js';

const t = vi.web;

/** What every console route reads from its request: the signed-in viewer. */
export type WebEnv = { Variables: { viewer: Viewer } };

/** A request the console cannot read (a malformed query, an over-long search): 400 with a short page. */
export class BadRequest extends Error {}
/** Something outside the viewer's scope or that does not exist: the same 404 either way. */
export class NotFound extends Error {}

/**
 * What the console's route modules share (the leaders' pages and the admin pages): the database,
 * the clock, the session check and the form check. Built once by createWebApp.
 */
export interface WebKit {
  db: Database;
  log: Logger;
  timeZone: string;
  now: () => Date;
  secureCookies: boolean;
  /** The public address links and QR codes point to (PUBLIC_URL, or the address the server listens on). */
  baseUrl: () => string;
  /** The Telegram bot's username, for invitation deep links (t.me/<username>?start=<code>); absent: codes only. */
  telegramUsername?: string;
  /** The Zalo Official Account's id, for its follow link (zalo.me/<id>) beside an invitation code; absent: the code only. */
  zaloOaId?: string;
  /** Middleware: a viewer with a live session and a current role, or the sign-in page (401). */
  signedIn: (c: Context<WebEnv>, next: () => Promise<void>) => Promise<Response | void>;
  /** A form post from this site with the session's token: its string fields; null: answer 403. */
  checkedForm: (c: Context<WebEnv>) => Promise<Record<string, string> | null>;
  /** Form bodies over 16 KB are refused with 413 before they are read. */
  formLimit: ReturnType<typeof bodyLimit>;
}

/** Builds the kit for one console app. */
export function createWebKit(p: Omit<WebKit, 'signedIn' | 'checkedForm' | 'formLimit'>): WebKit {
  const signedIn = async (c: Context<WebEnv>, next: () => Promise<void>) => {
    const token = readSessionCookie(c);
    const result = token ? await resolveViewer(p.db, { sessionToken: token, now: p.now() }) : ({ problem: 'none' } as const);
    if ('problem' in result) {
      if (token) clearSessionCookie(c, p.secureCookies);
      const first = result.problem === 'no-role' ? t.signIn.noRoleNow : result.problem === 'expired' ? t.signIn.sessionEnded : t.signIn.needSignIn;
      return c.html(<MessagePage title={t.signIn.title} lines={[first, t.signIn.howToGetLink]} />, 401);
    }
    c.set('viewer', result);
    await next();
  };
  const checkedForm = async (c: Context<WebEnv>): Promise<Record<string, string> | null> => {
    if (!isSameOrigin(c)) return null;
    const form = await c.req.parseBody();
    const token = typeof form._csrf === 'string' ? form._csrf : '';
    if (!secretsMatch(token, c.get('viewer').csrfToken)) return null;
    return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  return { ...p, signedIn, checkedForm, formLimit: bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }) };
}

/** A form body over its limit: 413 with the short page of a bad request, never read further. */
export function tooLarge(c: Context) {
  return c.html(<MessagePage title={t.errors.badRequestTitle} lines={[t.errors.tooLarge]} homeLink />, 413);
}

/** A form that is not from this site or carries a stale token: 403, nothing done. */
export function forbidden(c: Context) {
  return c.html(<MessagePage title={t.errors.forbiddenTitle} lines={[t.errors.csrf]} homeLink />, 403);
}

/** An id from a query string; absent: undefined; not a small number: 400. */
export function optionalId(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^[0-9]{1,9}$/.test(text)) throw new BadRequest();
  return Number(text);
}

/** A month (YYYY-MM) from a query string; absent: undefined; malformed: 400. */
export function optionalMonth(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const month = parseMonth(text);
  if (!month) throw new BadRequest();
  return month;
}

/** One of a fixed set of values from a query string; absent: undefined; anything else: 400. */
export function optionalChoice(text: string | undefined, allowed: readonly string[]): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!allowed.includes(text)) throw new BadRequest();
  return text;
}
