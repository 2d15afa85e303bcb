/** @jsxImportSource hono/jsx */
import { formatCount, formatDate } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { AdminPerson, AdminRole } from '../../../storage/queries/people-admin.js';
import { Layout } from '../../layout.js';
import { DoneLine, errorsFor, Field, FormProblem, Hidden, Options, valuesFor, type FailedForm } from './org-fields.js';

const t = vi.admin.people;
const PATH = '/quan-tri/can-bo';

/** A role to offer to transfer after «a second secretary» was refused: whose, where, and the successor typed. */
export interface TransferOffer {
  roleId: number;
  fromName: string;
  unitName: string;
  role: string;
  /** The successor as the refused form named them: an existing person, or a new one's name and phone. */
  values: Record<string, string>;
}

function roleText(r: AdminRole): string {
  return t.roleIn(vi.roles[r.role], r.unitName);
}

function Channels(props: { person: AdminPerson }) {
  const live = props.person.channels.filter((c) => !c.blocked);
  return <>{live.length === 0 ? <span class="muted">{t.notBound}</span> : [...new Set(live.map((c) => t.channels[c.channel] ?? c.channel))].join(', ')}</>;
}

/** «Chuyển giao» of one role: to a person of the organisation or to a new one. */
export function TransferForm(props: { csrf: string; offer: TransferOffer; people: { id: number; fullName: string; phone: string | null }[]; errors: Partial<Record<string, string>> }) {
  const o = props.offer;
  const v = o.values;
  const form = `chuyen-${o.roleId}`;
  return (
    <form class="admin" method="post" action={`${PATH}/vai-tro/${o.roleId}/chuyen`}>
      <Hidden csrf={props.csrf} />
      <p class="wide small muted">{t.transfer.lead(o.role, o.unitName, o.fromName)}</p>
      <Field form={form} name="nguoi-nhan" label={t.fields.successor} error={props.errors['nguoi-nhan']}>
        <option value="">—</option>
        {props.people.map((p) => (
          <option value={String(p.id)} selected={String(p.id) === v['nguoi-nhan']}>
            {p.fullName}
            {p.phone ? ` · ${p.phone}` : ''}
          </option>
        ))}
      </Field>
      <Field form={form} name="ho-ten-moi" label={t.fields.successorNew} value={v['ho-ten-moi'] ?? ''} error={props.errors['ho-ten-moi']} maxlength={500} />
      <Field form={form} name="dien-thoai-moi" label={t.fields.successorPhone} value={v['dien-thoai-moi'] ?? ''} error={props.errors['dien-thoai-moi']} type="tel" inputmode="tel" maxlength={20} />
      <div class="actions">
        <button type="submit" class="primary">
          {t.transfer.button}
        </button>
      </div>
    </form>
  );
}

/** «Cán bộ và vai trò»: the organisation's people (search), and «Thêm cán bộ». */
export function AdminPeoplePage(props: {
  viewer: Viewer;
  people: AdminPerson[];
  limit: number;
  query: string;
  withEnded: boolean;
  done?: string | undefined;
  failed?: FailedForm | undefined;
  transfer?: { offer: TransferOffer; question: string; picks: { id: number; fullName: string; phone: string | null }[] } | undefined;
}) {
  const add = valuesFor(props.failed, 'them', { 'ho-ten': '', 'dien-thoai': '', 'don-vi': '', 'vai-tro': 'secretary', 'chuc-vu': '' });
  const errors = errorsFor(props.failed, 'them');
  // A refused «Thêm» (and the transfer it offers) comes first; otherwise the list does.
  const addFirst = props.failed !== undefined || props.transfer !== undefined;
  const addSection = (
      <section class="card">
        <h2>{t.add.title}</h2>
        <p class="small muted">{t.add.lead}</p>
        <FormProblem errors={errors} />
        {props.transfer ? (
          <div class="form-error" role="alert">
            <p>{props.transfer.question}</p>
            <TransferForm csrf={props.viewer.csrfToken} offer={props.transfer.offer} people={props.transfer.picks} errors={{}} />
          </div>
        ) : null}
        <form class="admin" method="post" action={`${PATH}/them`}>
          <Hidden csrf={props.viewer.csrfToken} />
          <Field form="them" name="ho-ten" label={t.fields.fullName} value={add['ho-ten']} error={errors['ho-ten']} maxlength={500} required />
          <Field form="them" name="dien-thoai" label={t.fields.phone} value={add['dien-thoai']} error={errors['dien-thoai']} type="tel" inputmode="tel" maxlength={20} />
          <Field form="them" name="don-vi" label={t.fields.unit} value={add['don-vi']} error={errors['don-vi']} maxlength={64} required />
          <Field form="them" name="vai-tro" label={t.fields.role} error={errors['vai-tro']}>
            <Options choices={t.roleChoices} chosen={add['vai-tro'] ?? ''} />
          </Field>
          <Field form="them" name="chuc-vu" label={t.fields.title} value={add['chuc-vu']} error={errors['chuc-vu']} maxlength={500} />
          <div class="actions">
            <button type="submit" class="primary">
              {t.add.button}
            </button>
          </div>
        </form>
      </section>
  );
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      <DoneLine text={props.done} />
      <form class="filters" method="get" action={PATH} role="search">
        <label>
          {t.searchLabel}
          <input type="search" name="q" value={props.query} maxlength={100} />
        </label>
        <label class="check">
          <span>
            <input type="checkbox" name="tat-ca" value="1" checked={props.withEnded} /> {t.showEnded}
          </span>
        </label>
        <button type="submit" class="primary">
          {t.searchButton}
        </button>
      </form>
      {addFirst ? addSection : null}
      <section class="card">
        <h2>{t.listed(formatCount(props.people.length))}</h2>
        {props.people.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th>{t.columns.name}</th>
                <th>{t.columns.phone}</th>
                <th>{t.columns.roles}</th>
                <th>{t.columns.channels}</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td>
                    <a href={`${PATH}/${p.id}`}>{p.fullName}</a>
                  </td>
                  <td data-label={t.columns.phone}>{p.phone ?? <span class="muted">{t.noPhone}</span>}</td>
                  <td data-label={t.columns.roles}>
                    {p.roles.filter((r) => !r.endedAt).map((r) => roleText(r)).join('; ') || <span class="muted">{t.noRoles}</span>}
                  </td>
                  <td data-label={t.columns.channels}>
                    <Channels person={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.people.length >= props.limit ? <p class="small muted">{t.more(formatCount(props.limit))}</p> : null}
      </section>
      {addFirst ? null : addSection}
    </Layout>
  );
}

/** One person: name and phone (versioned), current roles with «Thôi giữ vai trò» and «Chuyển giao», past roles, «Giao vai trò», accounts. */
export function AdminPersonPage(props: {
  viewer: Viewer;
  person: AdminPerson;
  picks: { id: number; fullName: string; phone: string | null }[];
  timeZone: string;
  done?: string | undefined;
  failed?: FailedForm | undefined;
  transfer?: { offer: TransferOffer; question: string } | undefined;
}) {
  const p = props.person;
  const csrf = props.viewer.csrfToken;
  const edit = valuesFor(props.failed, 'sua', { 'ho-ten': p.fullName, 'dien-thoai': p.phone ?? '' });
  const give = valuesFor(props.failed, 'giao', { 'don-vi': '', 'vai-tro': 'secretary', 'chuc-vu': '' });
  const current = p.roles.filter((r) => !r.endedAt);
  const past = p.roles.filter((r) => r.endedAt);
  return (
    <Layout title={p.fullName} viewer={props.viewer} nav="admin">
      <div class="crumbs">
        <a href={PATH}>{t.back}</a>
      </div>
      <h1>{p.fullName}</h1>
      <DoneLine text={props.done} />
      <section class="card">
        <h2>{t.currentRoles}</h2>
        {errorsFor(props.failed, 'thoi')._form ? <FormProblem errors={errorsFor(props.failed, 'thoi')} /> : null}
        {current.length === 0 ? (
          <p class="muted">{t.noRoles}</p>
        ) : (
          <ul class="plain">
            {current.map((r) => {
              const key = `chuyen-${r.roleId}`;
              const failedHere = props.failed?.form === key;
              return (
                <li>
                  <strong>{roleText(r)}</strong> <span class="small muted">{r.unitCode}{r.title ? ` · ${r.title}` : ''}</span>
                  <form class="inline" method="post" action={`${PATH}/vai-tro/${r.roleId}/thoi`}>
                    <Hidden csrf={csrf} />
                    <button type="submit" class="danger">
                      {t.end.button}
                    </button>
                  </form>
                  <details open={failedHere}>
                    <summary class="small">{t.transfer.title}</summary>
                    {failedHere ? <FormProblem errors={props.failed!.errors} /> : null}
                    <TransferForm
                      csrf={csrf}
                      offer={{ roleId: r.roleId, fromName: p.fullName, unitName: r.unitName, role: vi.roles[r.role], values: failedHere ? props.failed!.values : {} }}
                      people={props.picks.filter((x) => x.id !== p.id)}
                      errors={failedHere ? props.failed!.errors : {}}
                    />
                  </details>
                </li>
              );
            })}
          </ul>
        )}
        <p class="small muted">{t.end.lead}</p>
      </section>
      <section class="card">
        <h2>{t.give.title}</h2>
        <FormProblem errors={errorsFor(props.failed, 'giao')} />
        {props.transfer ? (
          <div class="form-error" role="alert">
            <p>{props.transfer.question}</p>
            <TransferForm csrf={csrf} offer={props.transfer.offer} people={props.picks} errors={{}} />
          </div>
        ) : null}
        <form class="admin" method="post" action={`${PATH}/${p.id}/vai-tro`}>
          <Hidden csrf={csrf} />
          <Field form="giao" name="don-vi" label={t.fields.unit} value={give['don-vi']} error={errorsFor(props.failed, 'giao')['don-vi']} maxlength={64} required />
          <Field form="giao" name="vai-tro" label={t.fields.role} error={errorsFor(props.failed, 'giao')['vai-tro']}>
            <Options choices={t.roleChoices} chosen={give['vai-tro'] ?? ''} />
          </Field>
          <Field form="giao" name="chuc-vu" label={t.fields.title} value={give['chuc-vu']} error={errorsFor(props.failed, 'giao')['chuc-vu']} maxlength={500} />
          <div class="actions">
            <button type="submit" class="primary">
              {t.give.button}
            </button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{t.edit.title}</h2>
        <FormProblem errors={errorsFor(props.failed, 'sua')} />
        <form class="admin" method="post" action={`${PATH}/${p.id}/sua`}>
          <Hidden csrf={csrf} version={p.version} />
          <Field form="sua" name="ho-ten" label={t.fields.fullName} value={edit['ho-ten']} error={errorsFor(props.failed, 'sua')['ho-ten']} maxlength={500} required />
          <Field form="sua" name="dien-thoai" label={t.fields.phone} value={edit['dien-thoai']} error={errorsFor(props.failed, 'sua')['dien-thoai']} type="tel" inputmode="tel" maxlength={20} />
          <div class="actions">
            <button type="submit" class="primary">
              {t.edit.button}
            </button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{t.accounts}</h2>
        {p.channels.length === 0 ? (
          <p class="muted">{t.noAccounts}</p>
        ) : (
          <ul class="plain">
            {p.channels.map((ch) => (
              <li>
                {t.channels[ch.channel] ?? ch.channel}
                {ch.displayName ? ` · ${ch.displayName}` : ''}
                {ch.blocked ? <span class="muted"> · {t.notBound}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {past.length > 0 ? (
        <section class="card">
          <h2>{t.pastRoles}</h2>
          <ul class="plain">
            {past.map((r) => (
              <li>
                {roleText(r)} <span class="small muted">· {t.ended(formatDate(r.endedAt!, props.timeZone))}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
