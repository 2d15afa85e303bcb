/** @jsxImportSource hono/jsx */
import { formatDate, formatDateTime } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import { describeUserAgent } from '../../../core/web/user-agent.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { AuditView } from '../../../storage/queries/audit-view.js';
import { Layout } from '../../layout.js';

const t = vi.admin.audit;
const PATH = '/quan-tri/nhat-ky';

/** A value as one short line: instants and days as Vietnamese write them, text as is, objects as JSON, nothing as «—». */
function show(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/.test(value)) return formatDateTime(new Date(value), timeZone);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(new Date(`${value}T12:00:00Z`), timeZone);
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

/** Before → after, only what changed, one line per field; an entry without them shows its other details briefly. */
export function describeChange(details: Record<string, unknown>, timeZone: string): string[] {
  const label = (key: string) => t.fields[key] ?? key;
  // Stored codes as people say them: a role, a unit's kind.
  const word = (key: string, v: unknown) =>
    typeof v === 'string' && key === 'role' ? (vi.roles as Record<string, string>)[v] ?? v : typeof v === 'string' && key === 'kind' ? (vi.admin.units.kinds[v] ?? v) : v;
  const before = details.before;
  const after = details.after;
  if (before !== undefined || after !== undefined) {
    const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
    const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
    if (!before && after && typeof after === 'object') return Object.entries(a).filter(([, v]) => v !== null).map(([k, v]) => `${label(k)}: ${show(word(k, v), timeZone)}`);
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => `${label(k)}: ${show(word(k, b[k]), timeZone)} → ${show(word(k, a[k]), timeZone)}`);
  }
  return Object.entries(details)
    .filter(([k]) => k !== 'unitId')
    .slice(0, 4)
    .map(([k, v]) => `${label(k)}: ${k === 'userAgent' && typeof v === 'string' ? describeUserAgent(v, { on: t.browserOn }) : show(word(k, v), timeZone)}`);
}

/** «Nhật ký»: the organisation's changes, newest first, filtered, one keyset page at a time. */
export function AdminAuditPage(props: {
  viewer: Viewer;
  entries: AuditView[];
  filters: { person: string; unit: string; action: string };
  unitError?: string | undefined;
  personError?: string | undefined;
  /** People matching a typed name or phone, to pick one from. */
  personChoices?: { id: number; fullName: string; units: string; href: string }[];
  olderHref: string | null;
  newestHref: string | null;
  timeZone: string;
}) {
  const f = props.filters;
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      <p class="muted">{t.lead}</p>
      <form class="filters" method="get" action={PATH}>
        <label>
          {t.filters.person}
          <input name="nguoi" value={f.person} maxlength={100} aria-invalid={props.personError ? 'true' : undefined} />
          {props.personError ? <span class="field-error">{props.personError}</span> : null}
        </label>
        <label>
          {t.filters.unit}
          <input name="don-vi" value={f.unit} maxlength={64} aria-invalid={props.unitError ? 'true' : undefined} />
          {props.unitError ? <span class="field-error">{props.unitError}</span> : null}
        </label>
        <label>
          {t.filters.action}
          <select name="viec">
            <option value="">{t.filters.any}</option>
            {Object.entries(t.actions).map(([value, label]) => (
              <option value={value} selected={value === f.action}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {t.filters.button}
        </button>
      </form>
      {props.personChoices && props.personChoices.length > 0 ? (
        <section class="card">
          <p>{t.pickPerson}</p>
          <ul class="plain">
            {props.personChoices.map((p) => (
              <li>
                <a href={p.href}>{p.fullName}</a> {p.units ? <span class="muted small">({p.units})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="card">
        {props.entries.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th>{t.columns.at}</th>
                <th>{t.columns.who}</th>
                <th>{t.columns.action}</th>
                <th>{t.columns.about}</th>
                <th>{t.columns.change}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td>{formatDateTime(e.at, props.timeZone)}</td>
                  <td data-label={t.columns.who}>
                    {e.actorPersonId !== null ? <a href={`${PATH}?nguoi=${e.actorPersonId}`}>{e.actorName ?? `#${e.actorPersonId}`}</a> : e.actorKind === 'cli' ? t.byCli : t.bySystem}
                  </td>
                  <td data-label={t.columns.action}>{t.actions[e.action] ?? e.action}</td>
                  <td data-label={t.columns.about}>
                    {e.unit ? <a href={`${PATH}?don-vi=${encodeURIComponent(e.unit.code)}`}>{e.unit.name}</a> : null}
                    {e.unit && e.personName ? ' · ' : null}
                    {e.personName ? <a href={`${PATH}?nguoi=${e.entityId}`}>{e.personName}</a> : null}
                    {!e.unit && !e.personName ? <span class="muted small">{e.entityType === 'web_session' ? t.session : `${e.entityType} ${e.entityId ?? ''}`}</span> : null}
                  </td>
                  <td data-label={t.columns.change} class="small">
                    {describeChange(e.details, props.timeZone).map((line) => (
                      <div>{line}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          {props.newestHref ? <a href={props.newestHref}>{t.newest}</a> : null} {props.olderHref ? <a href={props.olderHref}>{t.older}</a> : null}
        </p>
      </section>
    </Layout>
  );
}
