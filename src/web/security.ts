import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';

/** The session cookie's name: the browser sends it back, the server keeps only its hash. */
export const SESSION_COOKIE = 'chibo_phien';

/**
 * Headers on every console response: no inline script or style may run (CSP), the pages may not
 * be framed (clickjacking), no URL leaks in a Referer (sign-in links, photo ids), nothing is
 * sniffed into another type, and nothing personal is cached by a shared proxy.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    h.set('X-Frame-Options', 'DENY');
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on a form post, and the
    // Origin check could no longer tell our own forms from another site's. Nothing leaves the site.
    // A route that chose a stricter policy (photos: no-referrer) keeps it.
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'same-origin');
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
  };
}

/**
 * A form post must come from a page of this site: the Origin header (every current browser
 * sends it on a POST), or failing that the Referer, must name this host. A post from another
 * site, or with neither header, is refused before the form token is even looked at.
 */
export function isSameOrigin(c: Context): boolean {
  const host = c.req.header('host');
  if (!host) return false;
  const origin = c.req.header('origin') ?? c.req.header('referer');
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}


export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** HttpOnly (no script reads it), SameSite=Lax (no cross-site post carries it), Secure over https. */
export function writeSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
