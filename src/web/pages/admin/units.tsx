/** @jsxImportSource hono/jsx */
import { formatCount, formatDate } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { AdminUnit, TreeUnit, UnitCounts } from '../../../storage/queries/org-unit-admin.js';
import type { UnitListItem } from '../../../storage/queries/unit-directory.js';
import { Layout } from '../../layout.js';
import { DoneLine, errorsFor, Field, FormProblem, Hidden, Options, valuesFor, type FailedForm } from './org-fields.js';

const t = vi.admin.units;
const PATH = '/quan-tri/don-vi';

/** What the units page shows: the unit in focus, where it sits, its sub-units (and theirs, folded). */
export interface UnitsPageData {
  unit: AdminUnit;
  counts: UnitCounts;
  crumbs: { id: number; name: string }[];
  children: TreeUnit[];
  grandchildren: Map<number, { id: number; code: string; name: string; subUnits: number; dissolvedOn: string | null }[]>;
  activeBelow: number;
  /** Whether the viewer administers this unit's organisation (forms shown), or only reads it (a leader). */
  canEdit: boolean;
  query: string;
  results: UnitListItem[] | null;
  done?: string | undefined;
  failed?: FailedForm | undefined;
}

const day = (iso: string, timeZone: string) => formatDate(new Date(`${iso}T12:00:00Z`), timeZone);

function CountsLine(props: { counts: UnitCounts }) {
  const c = props.counts;
  return (
    <span class="small muted">
      {t.countsLine({ subUnits: formatCount(c.subUnits), reporting: formatCount(c.reportingUnits), models: formatCount(c.activeModels), people: formatCount(c.people), bound: formatCount(c.boundAnswerers) })}
    </span>
  );
}

/** «Đơn vị» of the admin console: the tree level by level (links and <details>, no script), a search, and the admin's forms. */
export function AdminUnitsPage(props: { viewer: Viewer; data: UnitsPageData; timeZone: string }) {
  const d = props.data;
  const u = d.unit;
  const csrf = props.viewer.csrfToken;
  const kinds = t.kinds;
  const create = valuesFor(d.failed, 'them', { ma: '', ten: '', loai: 'chi_bo', 'cap-tren': u.code });
  const edit = valuesFor(d.failed, 'sua', { ten: u.name, loai: u.kind });
  const move = valuesFor(d.failed, 'chuyen', { 'cap-tren': u.parentCode ?? '' });
  const e = (form: string) => errorsFor(d.failed, form);
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      {d.canEdit ? null : <p class="muted">{t.readOnly}</p>}
      <DoneLine text={d.done} />
      {d.failed && (d.failed.form === 'ngung' || d.failed.form === 'mo-lai') ? <FormProblem errors={d.failed.errors} /> : null}
      <form class="filters" method="get" action={PATH} role="search">
        <label>
          {t.searchLabel}
          <input type="search" name="q" value={d.query} maxlength={100} />
        </label>
        <button type="submit" class="primary">
          {t.searchButton}
        </button>
      </form>
      {d.results !== null ? (
        <section class="card">
          <h2>{t.results(formatCount(d.results.length))}</h2>
          {d.results.length === 0 ? (
            <p>{t.noResults}</p>
          ) : (
            <ul class="plain">
              {d.results.map((r) => (
                <li>
                  <a href={`${PATH}?don-vi=${r.id}`}>{r.name}</a> <span class="small muted">{r.code}</span>
                  {r.dissolvedOn ? <span class="small muted"> · {t.dissolved(day(r.dissolvedOn, props.timeZone))}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section class="card">
        {d.crumbs.length > 0 ? (
          <div class="crumbs">
            {d.crumbs.map((c, i) => (
              <>
                {i > 0 ? ' › ' : ''}
                <a href={`${PATH}?don-vi=${c.id}`}>{c.name}</a>
              </>
            ))}
          </div>
        ) : null}
        <h2>
          {u.name} <span class="small muted">{u.code} · {kinds[u.kind]}</span>
        </h2>
        {u.dissolvedOn ? <p class="muted">{t.dissolved(day(u.dissolvedOn, props.timeZone))}</p> : null}
        <p>
          <CountsLine counts={d.counts} />
        </p>
        {d.children.length === 0 ? (
          <p class="muted">{t.noChildren}</p>
        ) : (
          <ul class="tree" aria-label={t.counts.subUnits}>
            {d.children.map((c) => {
              const below = d.grandchildren.get(c.id) ?? [];
              return (
                <li>
                  <a href={`${PATH}?don-vi=${c.id}`}>{c.name}</a> <span class="small muted">{c.code} · {kinds[c.kind]}</span>
                  {c.dissolvedOn ? <span class="small muted"> · {t.dissolved(day(c.dissolvedOn, props.timeZone))}</span> : null}
                  <br />
                  <CountsLine counts={c.counts} />
                  {c.counts.subUnits > 0 ? (
                    <details>
                      <summary class="small">{t.expand(formatCount(c.counts.subUnits))}</summary>
                      <ul class="tree">
                        {below.map((g) => (
                          <li>
                            <a href={`${PATH}?don-vi=${g.id}`}>{g.name}</a> <span class="small muted">{g.code}</span>
                            {g.subUnits > 0 ? <span class="small muted"> · {formatCount(g.subUnits)} {t.counts.subUnits.toLowerCase()}</span> : null}
                            {g.dissolvedOn ? <span class="small muted"> · {t.dissolved(day(g.dissolvedOn, props.timeZone))}</span> : null}
                          </li>
                        ))}
                        {c.counts.subUnits > below.length ? <li class="small muted">{t.more(formatCount(c.counts.subUnits - below.length))}</li> : null}
                      </ul>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {d.counts.subUnits > d.children.length ? <p class="small muted">{t.more(formatCount(d.counts.subUnits - d.children.length))}</p> : null}
      </section>
      {d.canEdit ? (
        <>
          <section class="card">
            <h2>{t.edit.title}</h2>
            <FormProblem errors={e('sua')} />
            <form class="admin" method="post" action={`${PATH}/${u.id}/sua`}>
              <Hidden csrf={csrf} version={u.version} />
              <Field form="sua" name="ten" label={t.fields.name} value={edit.ten} error={e('sua').ten} maxlength={500} required />
              <Field form="sua" name="loai" label={t.fields.kind} error={e('sua').loai}>
                <Options choices={kinds} chosen={edit.loai ?? ''} />
              </Field>
              <div class="actions">
                <button type="submit" class="primary">
                  {t.edit.button}
                </button>
              </div>
            </form>
          </section>
          {u.parentId !== null ? (
            <section class="card">
              <h2>{t.move.title}</h2>
              <p class="small muted">{t.move.lead}</p>
              <FormProblem errors={e('chuyen')} />
              <form class="admin" method="post" action={`${PATH}/${u.id}/chuyen`}>
                <Hidden csrf={csrf} version={u.version} />
                <Field form="chuyen" name="cap-tren" label={t.fields.parent} value={move['cap-tren']} error={e('chuyen')['cap-tren']} maxlength={64} required />
                <div class="actions">
                  <button type="submit" class="primary">
                    {t.move.button}
                  </button>
                </div>
              </form>
            </section>
          ) : null}
          <section class="card">
            <h2>{t.create.title}</h2>
            <FormProblem errors={e('them')} />
            <form class="admin" method="post" action={`${PATH}/them`}>
              <Hidden csrf={csrf} />
              <Field form="them" name="ma" label={t.fields.code} value={create.ma} error={e('them').ma} maxlength={64} required />
              <Field form="them" name="ten" label={t.fields.name} value={create.ten} error={e('them').ten} maxlength={500} required />
              <Field form="them" name="loai" label={t.fields.kind} error={e('them').loai}>
                <Options choices={kinds} chosen={create.loai ?? ''} />
              </Field>
              <Field form="them" name="cap-tren" label={t.fields.parent} value={create['cap-tren']} error={e('them')['cap-tren']} maxlength={64} required />
              <div class="actions">
                <button type="submit" class="primary">
                  {t.create.button}
                </button>
              </div>
            </form>
          </section>
          {u.dissolvedOn ? (
            <section class="card">
              <h2>{t.reactivate.title}</h2>
              <p class="small muted">{t.reactivate.lead(day(u.dissolvedOn, props.timeZone))}</p>
              <form class="inline" method="post" action={`${PATH}/${u.id}/mo-lai`}>
                <Hidden csrf={csrf} version={u.version} />
                <button type="submit">{t.reactivate.button}</button>
              </form>
            </section>
          ) : u.parentId !== null ? (
            <section class="card">
              <h2>{t.deactivate.title}</h2>
              <p class="small muted">{t.deactivate.lead}</p>
              <form class="inline" method="post" action={`${PATH}/${u.id}/ngung`}>
                <Hidden csrf={csrf} version={u.version} />
                {d.activeBelow > 0 ? (
                  <label>
                    <input type="checkbox" name="ca-cay" value="1" /> {t.fields.withSubtree} ({t.deactivate.activeBelow(formatCount(d.activeBelow))})
                  </label>
                ) : null}
                <button type="submit" class="danger">
                  {t.deactivate.button}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
