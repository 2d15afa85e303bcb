/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { ROLE_KINDS, type RoleKind } from '../../core/domain.js';
import { NotFoundError } from '../../core/errors.js';
import { vi } from '../../core/messages/vi.js';
import { telegramDeepLink, type CreatedInvitation } from '../../services/invite.js';
import { bulkInviteReporters, codeOpens, findInvitationIn, InvitationRefusedError, inviteFromConsole, revokeInvitation, type ConsoleInvitation } from '../../services/invitation-admin.js';
import { listOutstandingInvitations, listUnitRoleHolders } from '../../storage/queries/invitations.js';
import { findUnitByCode } from '../../storage/queries/org-units.js';
import { findPerson } from '../../storage/queries/people.js';
import { InvitationCreatedPage, InvitationSheetPage, InvitationsPage, type InvitationCard, type PickedUnit } from '../pages/admin/invitations.js';
import { qrPng, qrSvg } from '../qr.js';
import { BadRequest, forbidden, NotFound, type WebEnv, type WebKit } from '../web-kit.js';
import { requireAdmin } from './admin-kit.js';
import { adminOrganisation } from './admin-organisation.js';

const t = vi.admin.invitations;
/** How long a console invitation lasts unless the admin says otherwise (as `invite`). */
const DEFAULT_DAYS = 14;

/** The admin pages «invitations», mounted at /quan-tri/loi-moi (issue 17): make (code, Telegram link, QR), list, revoke, print in bulk. */
export function createInvitationsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const admin = requireAdmin(kit);
  const linkOf = (code: string) => (kit.telegramUsername ? telegramDeepLink(kit.telegramUsername, code) : null);
  const cardOf = async (i: CreatedInvitation & { personName: string | null }): Promise<InvitationCard> => ({
    id: i.id, code: i.code, role: i.role, unitName: i.unit.name, personName: i.personName, expiresAt: i.expiresAt,
    telegramLink: linkOf(i.code), qrSvg: await qrSvg(linkOf(i.code) ?? i.code),
  });

  const index = async (c: Context<WebEnv>, extra: { notice?: string; error?: string; errorField?: string; unitCode?: string } = {}, status: 200 | 400 | 409 = 200) => {
    const org = await adminOrganisation(kit, c);
    const unitCode = (extra.unitCode ?? c.req.query('don-vi') ?? '').trim();
    let picked: PickedUnit | undefined;
    let error = extra.error;
    let errorField = extra.errorField;
    if (unitCode !== '') {
      const unit = await findUnitByCode(kit.db, unitCode);
      if (unit && unit.path.startsWith(org.path)) picked = { code: unit.code, name: unit.name, holders: await listUnitRoleHolders(kit.db, unit.id) };
      else if (!error) {
        error = t.unitNotFound(unitCode);
        errorField = 'don-vi';
      }
    }
    const outstanding = await listOutstandingInvitations(kit.db, { subtreePath: org.path, now: kit.now() });
    return c.html(
      <InvitationsPage viewer={c.get('viewer')} timeZone={kit.timeZone} organisation={{ id: org.id, name: org.name }} unitCode={unitCode} picked={picked} outstanding={outstanding} notice={extra.notice} error={error} errorField={errorField} />,
      status,
    );
  };

  app.get('/', admin, async (c) => index(c, { notice: c.req.query('ket-qua') === 'da-thu-hoi' ? t.revoked : undefined }));

  app.post('/tao', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const unitCode = (form['don-vi'] ?? '').trim();
    const role = form['vai-tro'] as RoleKind;
    if (!ROLE_KINDS.includes(role)) return index(c, { error: t.errors.badRole, unitCode }, 400);
    const days = Number(form['so-ngay'] ?? DEFAULT_DAYS);
    if (!Number.isInteger(days) || days < 1 || days > 90) return index(c, { error: t.errors.badDays, unitCode }, 400);
    const personText = form['can-bo'] ?? '';
    if (personText !== '' && !/^[0-9]{1,9}$/.test(personText)) throw new BadRequest();
    const personId = personText === '' ? undefined : Number(personText);
    try {
      const made = await kit.db.transaction((tx) =>
        inviteFromConsole(tx, { organisationPath: org.path, unitCode, role, personId, days, force: form['van-moi'] === '1', now: kit.now(), adminId: c.get('viewer').personId }),
      );
      return c.html(
        <InvitationCreatedPage
          viewer={c.get('viewer')}
          timeZone={kit.timeZone}
          organisationId={org.id}
          card={await cardOf(made)}
          zaloFollowLink={kit.zaloOaId ? `https://zalo.me/${kit.zaloOaId}` : null}
          notice={t.created(vi.roles[role], made.unit.name)}
        />,
      );
    } catch (error) {
      if (!(error instanceof InvitationRefusedError)) throw error;
      const unitName = (await findUnitByCode(kit.db, unitCode))?.name ?? unitCode;
      const roleWord = vi.roles[role];
      const message =
        error.reason === 'committee'
          ? t.errors.committee(unitName, roleWord)
          : error.reason === 'no-models'
            ? t.errors.noModels(unitName, roleWord)
            : error.reason === 'role-ended'
              ? t.errors.roleEnded((personId && (await findPerson(kit.db, personId))?.fullName) || '', roleWord, unitName)
              : error.reason === 'unknown-unit'
                ? t.unitNotFound(unitCode)
                : t.errors.personNotInUnit;
      return index(c, { error: message, unitCode, errorField: error.reason === 'unknown-unit' ? 'don-vi' : undefined }, 400);
    }
  });

  /** An invitation of the organisation whose code the request carries (?ma=), still usable; anything else 404. */
  const opened = async (c: Context<WebEnv>) => {
    const org = await adminOrganisation(kit, c);
    const id = c.req.param('id') ?? '';
    if (!/^[0-9]{1,9}$/.test(id)) throw new NotFound();
    try {
      const invitation = await findInvitationIn(kit.db, { id: Number(id), organisationPath: org.path });
      const code = c.req.query('ma') ?? '';
      if (!codeOpens(invitation, code, kit.now())) throw new NotFound();
      return { invitation, code: code.toUpperCase().replace(/[\s-]+/g, ''), org };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFound();
      throw error;
    }
  };

  app.get('/:id/qr.png', admin, async (c) => {
    const { code } = await opened(c);
    const png = await qrPng(linkOf(code) ?? code);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Content-Disposition': `attachment; filename="loi-moi-${code}.png"`, 'Cache-Control': 'no-store' });
  });

  app.get('/:id/qr.svg', admin, async (c) => {
    const { code } = await opened(c);
    return c.body(await qrSvg(linkOf(code) ?? code), 200, { 'Content-Type': 'image/svg+xml', 'Content-Disposition': `attachment; filename="loi-moi-${code}.svg"`, 'Cache-Control': 'no-store' });
  });

  app.get('/:id/in', admin, async (c) => {
    const { invitation, code, org } = await opened(c);
    const person = invitation.personId ? await findPerson(kit.db, invitation.personId) : undefined;
    const card: InvitationCard = {
      id: invitation.id, code, role: invitation.role, unitName: invitation.unitName, personName: person?.fullName ?? null, expiresAt: invitation.expiresAt,
      telegramLink: linkOf(code), qrSvg: await qrSvg(linkOf(code) ?? code),
    };
    c.header('Cache-Control', 'no-store');
    return c.html(<InvitationSheetPage viewer={c.get('viewer')} timeZone={kit.timeZone} title={t.printSheet} cards={[card]} notes={[]} back={`/quan-tri/loi-moi?to-chuc=${org.id}`} />);
  });

  app.post('/:id/thu-hoi', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const id = c.req.param('id') ?? '';
    if (!/^[0-9]{1,9}$/.test(id)) throw new NotFound();
    try {
      await kit.db.transaction((tx) => revokeInvitation(tx, { id: Number(id), organisationPath: org.path, adminId: c.get('viewer').personId, now: kit.now() }));
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFound();
      if (error instanceof InvitationRefusedError) return index(c, { error: t.revokeGone }, 409);
      throw error;
    }
    return c.redirect(`/quan-tri/loi-moi?to-chuc=${org.id}&ket-qua=da-thu-hoi`, 303);
  });

  app.post('/in-hang-loat', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const unitCode = (form['don-vi'] ?? '').trim();
    const unit = unitCode === '' ? await findUnitByCode(kit.db, org.code) : await findUnitByCode(kit.db, unitCode);
    if (!unit || !unit.path.startsWith(org.path)) return index(c, { error: t.unitNotFound(unitCode) }, 400);
    const made = await kit.db.transaction((tx) => bulkInviteReporters(tx, { subtreePath: unit.path, days: DEFAULT_DAYS, now: kit.now(), adminId: c.get('viewer').personId }));
    const cards = await Promise.all(made.invitations.map((i: ConsoleInvitation) => cardOf(i)));
    const notes = [...(cards.length === 0 ? [t.bulkNone] : [t.shownOnce]), ...(made.skippedUnits > 0 ? [t.bulkSkipped(made.skippedUnits)] : [])];
    c.header('Cache-Control', 'no-store');
    return c.html(
      <InvitationSheetPage viewer={c.get('viewer')} timeZone={kit.timeZone} title={t.bulkSheetTitle(unit.name, cards.length)} cards={cards} notes={notes} back={`/quan-tri/loi-moi?to-chuc=${org.id}`} />,
    );
  });
  return app;
}
