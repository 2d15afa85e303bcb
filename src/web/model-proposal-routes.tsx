/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { vi } from '../core/messages/vi.js';
import { proposalTitle } from '../core/models/model-proposal.js';
import { decideProposal, describeProposalRefusal, mayDecideProposal } from '../services/model-proposals.js';
import type { Viewer } from '../services/web-sign-in.js';
import type { Db } from '../storage/client.js';
import { listPendingProposals, type ProposalView } from '../storage/queries/model-proposals.js';
import { MessagePage } from './layout.js';
import { forbidden, NotFound, type WebEnv, type WebKit } from './web-kit.js';

/** The pending proposals this viewer may decide (a leader above the unit, or an admin of its organisation). */
export async function proposalsFor(db: Db, viewer: Viewer): Promise<ProposalView[]> {
  const paths = viewer.roots.filter((r) => r.subtree).map((r) => r.path);
  const pending = await listPendingProposals(db, { paths, limit: 50 });
  const decidable = await Promise.all(pending.map((p) => mayDecideProposal(db, viewer.personId, { id: p.unitId, path: p.unitPath })));
  return pending.filter((_, i) => decidable[i]);
}

/**
 * «Xác nhận» / «Từ chối» a model a chi bộ proposed (/mohinh), from the leaders' model page or the
 * admin page: POST /mo-hinh/de-xuat/:id, outside /quan-tri since leaders above decide too. 303
 * back to the page it came from (PRG), or a short page with the reason.
 */
export function mountModelProposals(app: Hono<WebEnv>, kit: WebKit): void {
  app.post('/mo-hinh/de-xuat/:id{[0-9]{1,9}}', kit.formLimit, kit.signedIn, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const viewer = c.get('viewer');
    const back = form.ve === '/quan-tri/mo-hinh' ? '/quan-tri/mo-hinh' : '/mo-hinh';
    const decision = form['quyet-dinh'] === 'xac-nhan' ? 'confirm' : form['quyet-dinh'] === 'tu-choi' ? 'refuse' : null;
    if (!decision) return c.html(<MessagePage title={vi.admin.models.title} lines={[vi.admin.formHasErrors]} viewer={viewer} homeLink />, 400);
    const reason = decision === 'refuse' ? proposalTitle(form['ly-do'] ?? '') : null;
    if (decision === 'refuse' && !reason) {
      return c.html(<MessagePage title={vi.admin.models.proposals.refuse} lines={[vi.admin.models.proposals.reasonRequired]} viewer={viewer} homeLink />, 400);
    }
    const outcome = await kit.db.transaction((tx) => decideProposal(tx, { personId: viewer.personId, proposalId: Number(c.req.param('id')), decision, reason, via: 'web', now: kit.now() }));
    if (!outcome.ok && outcome.refusal === 'not-found') throw new NotFound();
    if (!outcome.ok) {
      const status = outcome.refusal === 'not-decider' ? 403 : 409;
      return c.html(<MessagePage title={vi.admin.models.title} lines={[describeProposalRefusal(outcome.refusal)]} viewer={viewer} homeLink />, status);
    }
    return c.redirect(`${back}?ket-qua=${decision === 'confirm' ? 'da-xac-nhan' : 'da-tu-choi'}`, 303);
  });
}
