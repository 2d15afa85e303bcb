/** @jsxImportSource hono/jsx */
import { vi } from '../../core/messages/vi.js';
import { Layout } from '../layout.js';

const t = vi.web;

/**
 * The page a sign-in link opens: one «Đăng nhập» button that posts the link's token. A link
 * preview or a mail scanner that fetches the URL sees this page and spends nothing.
 */
export function SignInPage(props: { token: string; personName: string }) {
  return (
    <Layout title={t.signIn.title} viewer={null}>
      <div class="notice">
        <h1>{t.signIn.title}</h1>
        <p>{t.signIn.lead(props.personName)}</p>
        <form method="post" action="/dang-nhap">
          <input type="hidden" name="token" value={props.token} />
          <button type="submit" class="primary big">
            {t.signIn.button}
          </button>
        </form>
        <p class="small muted">{t.signIn.note}</p>
      </div>
    </Layout>
  );
}
