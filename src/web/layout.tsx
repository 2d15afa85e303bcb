/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { vi } from '../core/messages/vi.js';
import { APP_CSS_PATH } from './assets.js';

const t = vi.web;

export type NavKey = 'overview' | 'units' | 'models' | 'review' | 'exports' | 'admin';

/** Who is signed in, as the header needs it (null on the sign-in and error pages). */
export interface LayoutViewer {
  personName: string;
  csrfToken: string;
  /** The viewer's roles: a leader or an admin gets the «Duyệt» section. */
  roles?: readonly { role: string }[];
}

/**
 * Every console page: one stylesheet, no script, a header with the sections and «Đăng xuất»
 * (a form, so it is a POST with the session's token). Works without JavaScript.
 */
export function Layout(props: { title: string; viewer: LayoutViewer | null; nav?: NavKey; children: Child; refreshSeconds?: number }) {
  const reviews = props.viewer?.roles?.some((r) => r.role === 'leader' || r.role === 'admin') ?? false;
  const admin = props.viewer?.roles?.some((r) => r.role === 'admin') ?? false;
  const links: [NavKey, string, string][] = [
    ['overview', '/', t.nav.overview],
    ['units', '/don-vi', t.nav.units],
    ['models', '/mo-hinh', t.nav.models],
    ...(reviews ? [['review', '/duyet', vi.review.web.nav] as [NavKey, string, string]] : []),
    ['exports', '/xuat', t.nav.exports],
    ...(admin ? [['admin', '/quan-tri', vi.admin.nav] as [NavKey, string, string]] : []),
  ];
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <title>{`${props.title} · ${t.appName}`}</title>
        <link rel="stylesheet" href={APP_CSS_PATH} />
      </head>
      <body>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">
              {t.appName}
            </a>
            {props.viewer ? (
              <>
                <nav aria-label="Chính">
                  {links.map(([key, href, label]) => (
                    <a href={href} aria-current={props.nav === key ? 'page' : undefined}>
                      {label}
                    </a>
                  ))}
                </nav>
                <form method="post" action="/dang-xuat">
                  <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
                  <button type="submit">{t.nav.signOut}</button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        <main>{props.children}</main>
        {props.viewer ? <footer>{t.footer(props.viewer.personName)}</footer> : null}
      </body>
    </html>
  );
}

/** A short page that says what happened and what to do: errors, sign-out, bad links. */
export function MessagePage(props: { title: string; lines: readonly string[]; viewer?: LayoutViewer | null; homeLink?: boolean }) {
  return (
    <Layout title={props.title} viewer={props.viewer ?? null}>
      <div class="notice" role="status">
        <h1>{props.title}</h1>
        {props.lines.map((line) => (
          <p>{line}</p>
        ))}
        {props.homeLink ? (
          <p>
            <a href="/">{t.errors.backHome}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
