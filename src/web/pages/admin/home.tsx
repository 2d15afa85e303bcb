/** @jsxImportSource hono/jsx */
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import { Layout } from '../../layout.js';

const t = vi.admin;

/** «Quản trị»: the admin areas, each with a line on what it is for. */
export function AdminHomePage(props: { viewer: Viewer; paths: Record<keyof typeof t.home.sections, string> }) {
  const org = props.viewer.roles.find((r) => r.role === 'admin')?.unitName ?? '';
  const keys = Object.keys(t.home.sections) as (keyof typeof t.home.sections)[];
  return (
    <Layout title={t.home.title} viewer={props.viewer} nav="admin">
      <h1>{t.home.title}</h1>
      <p class="muted">{t.home.lead(org)}</p>
      <ul class="admin-home">
        {keys.map((k) => (
          <li>
            <a href={props.paths[k]}>{t.home.sections[k][0]}</a>
            <div class="small muted">{t.home.sections[k][1]}</div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
