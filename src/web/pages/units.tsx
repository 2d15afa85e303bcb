/** @jsxImportSource hono/jsx */
import { formatCount, formatDate } from '../../core/format.js';
import { vi } from '../../core/messages/vi.js';
import { monthLabel } from '../../core/web/report-view.js';
import type { ModelListItem, UnitListItem, UnitPerson } from '../../storage/queries/unit-directory.js';
import { Layout, type LayoutViewer } from '../layout.js';
import { MonthOpeningCell, MonthOpeningNotice, type MonthOpeningView } from './review.js';

const t = vi.web;

function UnitList(props: { items: readonly UnitListItem[]; timeZone: string }) {
  return (
    <ul class="plain">
      {props.items.map((u) => (
        <li>
          <a href={`/don-vi/${u.id}`}>{u.name}</a> <span class="small muted">{u.code}</span>
          {u.children > 0 ? <span class="small muted"> · {t.units.subunits(formatCount(u.children))}</span> : null}
          {u.dissolvedOn ? <span class="small muted"> · {t.units.dissolved(formatDate(new Date(`${u.dissolvedOn}T12:00:00Z`), props.timeZone))}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Đơn vị: the viewer's roots and their children, or the units a search found. */
export function UnitsPage(props: {
  viewer: LayoutViewer;
  query: string;
  results: UnitListItem[] | null;
  roots: { unit: UnitListItem; children: UnitListItem[] }[];
  timeZone: string;
}) {
  return (
    <Layout title={t.units.title} viewer={props.viewer} nav="units">
      <h1>{t.units.title}</h1>
      <form class="filters" method="get" action="/don-vi" role="search">
        <label>
          {t.units.searchLabel}
          <input type="search" name="q" value={props.query} maxlength={100} />
        </label>
        <button type="submit" class="primary">
          {t.units.searchButton}
        </button>
      </form>
      {props.results !== null ? (
        <section class="card">
          <h2>{t.units.results(formatCount(props.results.length))}</h2>
          {props.results.length === 0 ? <p>{t.units.noResults}</p> : <UnitList items={props.results} timeZone={props.timeZone} />}
        </section>
      ) : (
        props.roots.map((r) => (
          <section class="card">
            <h2>
              <a href={`/don-vi/${r.unit.id}`}>{r.unit.name}</a> <span class="small muted">{r.unit.code}</span>
            </h2>
            {r.children.length === 0 ? <p class="muted">{t.units.noChildren}</p> : <UnitList items={r.children} timeZone={props.timeZone} />}
          </section>
        ))
      )}
    </Layout>
  );
}

/** A month of the unit's own reporting, with its status from the figures. */
export interface UnitMonthView {
  month: string;
  reportId: number | null;
  status: 'on_time' | 'late' | 'not_sent' | 'draft' | null;
  submittedAt: Date | null;
  /** Whether this viewer may open the month again for the unit, and a window already open (issue 19). */
  opening?: MonthOpeningView;
}

/** One unit: where it sits, its sub-units, its own months, its models and its people. */
export function UnitPage(props: {
  viewer: LayoutViewer;
  unit: { id: number; code: string; name: string };
  crumbs: { id: number; name: string }[];
  subtree: boolean;
  children: UnitListItem[];
  months: UnitMonthView[];
  models: ModelListItem[];
  people: UnitPerson[];
  timeZone: string;
  /** What opening a month just did, or why not. */
  openingNotice?: { text: string; error: boolean };
}) {
  return (
    <Layout title={props.unit.name} viewer={props.viewer} nav="units">
      {props.openingNotice ? <MonthOpeningNotice {...props.openingNotice} /> : null}
      {props.crumbs.length > 0 ? (
        <div class="crumbs">
          {t.units.path}:{' '}
          {props.crumbs.map((c, i) => (
            <>
              {i > 0 ? ' › ' : ''}
              <a href={`/don-vi/${c.id}`}>{c.name}</a>
            </>
          ))}
        </div>
      ) : null}
      <h1>
        {props.unit.name} <span class="small muted">{props.unit.code}</span>
      </h1>
      <p>
        {props.subtree ? (
          <>
            <a href={`/?don-vi=${props.unit.id}`}>{t.units.overviewThis}</a> ·{' '}
          </>
        ) : null}
        <a href={`/xuat?don-vi=${encodeURIComponent(props.unit.code)}`}>{t.units.exportThis}</a>
      </p>
      {props.subtree ? (
        <section class="card">
          <h2>{t.units.children}</h2>
          {props.children.length === 0 ? <p class="muted">{t.units.noChildren}</p> : <UnitList items={props.children} timeZone={props.timeZone} />}
        </section>
      ) : null}
      <section class="card">
        <h2>{t.units.ownMonths}</h2>
        {props.months.length === 0 ? (
          <p class="muted">{t.units.noMonths}</p>
        ) : (
          <div class="scroll">
            <table>
              <tbody>
                {props.months.map((m) => (
                  <>
                  <tr>
                    <th scope="row">{monthLabel(m.month)}</th>
                    <td>
                      {m.status ? (
                        <span class={`tag ${m.status === 'on_time' ? 'ok' : m.status === 'late' ? 'warn' : 'bad'}`}>{t.status[m.status]}</span>
                      ) : (
                        <span class="muted">–</span>
                      )}
                      {m.submittedAt ? <span class="small muted"> {formatDate(m.submittedAt, props.timeZone)}</span> : null}
                    </td>
                    <td>{m.reportId !== null ? <a href={`/bao-cao/${m.reportId}`}>{t.units.openReport}</a> : null}</td>
                  </tr>
                  {m.opening ? (
                    <tr>
                      <td colspan={3}>
                        <MonthOpeningCell viewer={props.viewer} unitId={props.unit.id} month={m.month} opening={m.opening} timeZone={props.timeZone} />
                      </td>
                    </tr>
                  ) : null}
                  </>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card">
        <h2>{t.units.models}</h2>
        {props.models.length === 0 ? (
          <p class="muted">{t.units.noModels}</p>
        ) : (
          <ul class="plain">
            {props.models.map((m) => (
              <li>
                <a href={`/mo-hinh/${m.id}`}>{m.title}</a>{' '}
                <span class="small muted">
                  {t.fields[m.field]} · {t.modelStatuses[m.status]}
                  {m.lastActiveMonth ? ` · ${t.models.lastActive.toLowerCase()} ${monthLabel(m.lastActiveMonth)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{t.units.people}</h2>
        {props.people.length === 0 ? (
          <p class="muted">{t.units.noPeople}</p>
        ) : (
          // On a narrow screen each person is a card of labelled lines (CSS only: table.cards and data-label).
          <table class="cards">
            <thead>
              <tr>
                <th>{t.units.personName}</th>
                <th>{t.units.personTitle}</th>
                <th>{t.units.channel}</th>
                <th>{t.units.lastSeen}</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td>{p.fullName}</td>
                  <td data-label={t.units.personTitle}>{p.title ?? t.roles[p.role]}</td>
                  <td data-label={t.units.channel}>{p.channels.length > 0 ? p.channels.map((c) => t.channels[c] ?? c).join(', ') : <span class="muted">{t.units.notConnected}</span>}</td>
                  <td data-label={t.units.lastSeen}>{p.lastSeenAt ? formatDate(p.lastSeenAt, props.timeZone) : <span class="muted">{t.units.never}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
