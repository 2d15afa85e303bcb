/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import { formatDate, formatDateTime } from '../../../core/format.js';
import { formatInvitationCode } from '../../../core/invitation-code.js';
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { OutstandingInvitation } from '../../../storage/queries/invitations.js';
import { Layout } from '../../layout.js';

const t = vi.admin.invitations;
const ROLES = ['secretary', 'deputy', 'leader', 'admin'] as const;

/** One invitation as a page or a sheet shows it: the code, its link and its QR drawing. */
export interface InvitationCard {
  id: number;
  code: string;
  role: string;
  unitName: string;
  personName: string | null;
  expiresAt: Date;
  /** t.me deep link, when the bot's username is configured. */
  telegramLink: string | null;
  /** The QR drawing (SVG markup made on the server from the link, or the code). */
  qrSvg: string;
}

/** The unit picked for a new invitation, with the people who hold or held a role there. */
export interface PickedUnit {
  code: string;
  name: string;
  holders: readonly { personId: number; personName: string; role: string; endedAt: Date | null; bound: boolean }[];
}

function Csrf(props: { viewer: Viewer }) {
  return <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />;
}

/** «Lời mời»: pick a unit and make an invitation, the outstanding ones (revoke), and the bulk sheet. */
export function InvitationsPage(props: {
  viewer: Viewer;
  timeZone: string;
  organisation: { id: number; name: string };
  unitCode: string;
  picked?: PickedUnit;
  outstanding: readonly OutstandingInvitation[];
  notice?: string;
  error?: string;
  errorField?: string;
}) {
  const q = `?to-chuc=${props.organisation.id}`;
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      <p class="muted">{t.lead(props.organisation.name)}</p>
      {props.notice ? <p class="form-ok" role="status">{props.notice}</p> : null}
      {props.error ? <p class="form-error" role="alert">{props.error}</p> : null}
      <section class="card" id="tao">
        <h2>{t.newTitle}</h2>
        <form method="get" action="/quan-tri/loi-moi" class="inline">
          <input type="hidden" name="to-chuc" value={String(props.organisation.id)} />
          <label>
            {t.pickUnit}{' '}
            <input name="don-vi" value={props.unitCode} {...(props.errorField === 'don-vi' ? { 'aria-invalid': 'true' } : {})} />
          </label>
          <button type="submit">{t.showUnit}</button>
        </form>
        <p class="small muted">{t.pickUnitHint}</p>
        {props.picked ? (
          <>
            <h3>{t.unitPeople(props.picked.name)}</h3>
            {props.picked.holders.length === 0 ? <p class="muted">{t.nobodyInUnit}</p> : null}
            <table class="cards holders">
              <thead>
                <tr>
                  <th scope="col">{t.columns.person}</th>
                  <th scope="col">{t.columns.role}</th>
                  <th scope="col">{t.columns.state}</th>
                  <th scope="col">{t.columns.actions}</th>
                </tr>
              </thead>
              <tbody>
                {props.picked.holders.map((h) => (
                  <tr>
                    <td>{h.personName}</td>
                    <td data-label={t.columns.role}>{t.roles[h.role] ?? h.role}</td>
                    <td data-label={t.columns.state}>{h.endedAt ? t.roleEnded(formatDate(h.endedAt, props.timeZone)) : h.bound ? t.bound : t.notBound}</td>
                    <td>
                      <form method="post" action={`/quan-tri/loi-moi/tao${q}`} class="inline">
                        <Csrf viewer={props.viewer} />
                        <input type="hidden" name="don-vi" value={props.picked!.code} />
                        <input type="hidden" name="can-bo" value={String(h.personId)} />
                        <input type="hidden" name="vai-tro" value={h.role} />
                        <input type="hidden" name="so-ngay" value="14" />
                        <button type="submit">{t.invite}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <form method="post" action={`/quan-tri/loi-moi/tao${q}`} class="admin">
              <Csrf viewer={props.viewer} />
              <input type="hidden" name="don-vi" value={props.picked.code} />
              <p class="wide">
                <strong>{t.newPerson}</strong>
              </p>
              <label>
                {t.role}
                <select name="vai-tro">
                  {ROLES.map((r) => (
                    <option value={r}>{t.roles[r]}</option>
                  ))}
                </select>
              </label>
              <label>
                {t.days}
                <input name="so-ngay" value="14" inputmode="numeric" />
              </label>
              <label class="wide">
                <span>
                  <input type="checkbox" name="van-moi" value="1" /> {t.force}
                </span>
              </label>
              <div class="actions">
                <button type="submit" class="primary">
                  {t.invite}
                </button>
              </div>
            </form>
          </>
        ) : null}
      </section>
      <section class="card" id="cho-dung">
        <h2>{t.outstandingTitle}</h2>
        {props.outstanding.length === 0 ? (
          <p class="muted">{t.outstandingNone}</p>
        ) : (
          <table class="cards outstanding">
            <thead>
              <tr>
                <th scope="col">{t.columns.person}</th>
                <th scope="col">{t.columns.role}</th>
                <th scope="col">{t.columns.unit}</th>
                <th scope="col">{t.columns.expires}</th>
                <th scope="col">{t.columns.created}</th>
                <th scope="col">{t.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.outstanding.map((i) => (
                <tr>
                  <td>{i.personName ?? t.forNewPerson}</td>
                  <td data-label={t.columns.role}>{t.roles[i.role] ?? i.role}</td>
                  <td data-label={t.columns.unit}>{i.unitName}</td>
                  <td data-label={t.columns.expires}>{formatDate(i.expiresAt, props.timeZone)}</td>
                  <td data-label={t.columns.created}>{`${formatDateTime(i.createdAt, props.timeZone)}${i.createdByName ? ` · ${i.createdByName}` : ''}`}</td>
                  <td>
                    <form method="post" action={`/quan-tri/loi-moi/${i.id}/thu-hoi${q}`} class="inline">
                      <Csrf viewer={props.viewer} />
                      <button type="submit" class="danger" aria-label={`${t.revoke}: ${i.personName ?? t.forNewPerson}, ${i.unitName}`}>
                        {t.revoke}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" id="hang-loat">
        <h2>{t.bulkTitle}</h2>
        <p class="muted">{t.bulkLead}</p>
        <form method="post" action={`/quan-tri/loi-moi/in-hang-loat${q}`} class="inline">
          <Csrf viewer={props.viewer} />
          <label>
            {t.bulkUnit} <input name="don-vi" value="" />
          </label>
          <button type="submit" class="primary">
            {t.bulkMake}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** One invitation on paper: name, unit, role, the QR code, what to do, the code to type. */
function SheetCard(props: { card: InvitationCard; timeZone: string }) {
  const c = props.card;
  return (
    <article class="invite-card">
      <div class="invite-qr" role="img" aria-label={t.qr}>
        {raw(c.qrSvg)}
      </div>
      <div class="invite-text">
        <p class="invite-heading">{t.sheet.heading}</p>
        <p class="invite-name">{c.personName ? t.sheet.forPerson(c.personName) : t.sheet.forNewPerson}</p>
        <p>{t.sheet.roleIn(t.roles[c.role] ?? c.role, c.unitName)}</p>
        <ol>
          {t.sheet.steps.map((s) => (
            <li>{s}</li>
          ))}
        </ol>
        <p class="invite-code">{t.sheet.typeCode(formatInvitationCode(c.code))}</p>
        <p class="small">{t.sheet.expires(formatDate(c.expiresAt, props.timeZone))}</p>
      </div>
    </article>
  );
}

/** A printable sheet of invitation cards (A4, several a page), for a meeting. */
export function InvitationSheetPage(props: { viewer: Viewer; timeZone: string; title: string; cards: readonly InvitationCard[]; notes: readonly string[]; back: string }) {
  return (
    <Layout title={props.title} viewer={props.viewer} nav="admin">
      <div class="no-print">
        <h1>{props.title}</h1>
        {props.notes.map((n) => (
          <p class="muted">{n}</p>
        ))}
        <p>
          {t.printHint} <a href={props.back}>{vi.admin.calendar.deadlines.back}</a>
        </p>
      </div>
      <div class="invite-sheet">
        {props.cards.map((card) => (
          <SheetCard card={card} timeZone={props.timeZone} />
        ))}
      </div>
    </Layout>
  );
}

/** The invitation just made: the code (shown once), the Telegram link, the QR code and its downloads, Zalo's way. */
export function InvitationCreatedPage(props: { viewer: Viewer; timeZone: string; organisationId: number; card: InvitationCard; zaloFollowLink: string | null; notice: string }) {
  const c = props.card;
  const codeQuery = `ma=${encodeURIComponent(c.code)}&to-chuc=${props.organisationId}`;
  return (
    <Layout title={t.createdTitle} viewer={props.viewer} nav="admin">
      <h1>{t.createdTitle}</h1>
      <p class="form-ok" role="status">
        {props.notice}
      </p>
      <p class="form-error">{t.shownOnce}</p>
      <section class="card invite-made">
        <div class="invite-qr">{raw(c.qrSvg)}</div>
        <div>
          <p>
            {c.personName ? t.sheet.forPerson(c.personName) : t.sheet.forNewPerson} · {t.sheet.roleIn(t.roles[c.role] ?? c.role, c.unitName)}
          </p>
          <p>
            {t.code}: <strong class="invite-code-big">{formatInvitationCode(c.code)}</strong>
          </p>
          <p class="small muted">{t.expiresOn(formatDate(c.expiresAt, props.timeZone))}</p>
          <h2>{t.telegram}</h2>
          {c.telegramLink ? (
            <p>
              {t.telegramLink}: <a href={c.telegramLink} class="deep-link">{c.telegramLink}</a>
            </p>
          ) : (
            <p class="muted">{t.telegramNoUsername}</p>
          )}
          <p>
            <a href={`/quan-tri/loi-moi/${c.id}/qr.png?${codeQuery}`} download={`loi-moi-${c.code}.png`}>
              {t.qrPng}
            </a>{' '}
            · <a href={`/quan-tri/loi-moi/${c.id}/qr.svg?${codeQuery}`} download={`loi-moi-${c.code}.svg`}>{t.qrSvg}</a>{' '}
            · <a href={`/quan-tri/loi-moi/${c.id}/in?${codeQuery}`}>{t.printSheet}</a>
          </p>
          <h2>{t.zalo}</h2>
          <p>{props.zaloFollowLink ? t.zaloFollow(props.zaloFollowLink) : t.zaloNoOa}</p>
          <p>
            <a href={`/quan-tri/loi-moi?to-chuc=${props.organisationId}`}>{t.another}</a>
          </p>
        </div>
      </section>
    </Layout>
  );
}
