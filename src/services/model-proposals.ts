import { z } from 'zod';
import { covers, scopeRootsOf } from '../core/access.js';
import { decodeButtonValue, encodeButtonValue, type ProposalTap } from '../core/button-data.js';
import type { CheckinInput } from '../core/checkin/types.js';
import { MODEL_FIELDS, type ModelField } from '../core/domain.js';
import { calendarParts } from '../core/format.js';
import { monthLabel } from '../core/web/report-view.js';
import { readStoredJson, type StoredJsonFormat } from '../core/stored-json.js';
import { vi } from '../core/messages/vi.js';
import { parseProposalMonth, proposalMonthChoices, proposalTitle } from '../core/models/model-proposal.js';
import { toPayload, type PlannedReply } from '../delivery/payload.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { openConversation, saveConversation } from '../storage/queries/conversations.js';
import { decideProposalRow, findProposal, insertProposal, listNearestLeadersAbove, type ProposalView } from '../storage/queries/model-proposals.js';
import { insertModel } from '../storage/queries/models.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { listRolesOfPerson } from '../storage/queries/people.js';
import { listAccountIdsOf } from '../storage/queries/unit-roles.js';
import type { ChannelAccountRow, ConversationRow } from '../storage/types.js';

/**
 * /mohinh (issue 17): a secretary proposes a model in a short conversation (name, lĩnh vực as
 * buttons, start month); the leaders of the nearest unit above get it with «Xác nhận» /
 * «Từ chối» buttons through the outbox; a leader above or an admin decides in the chat or the
 * console. Confirmed: the model is registered from its start month (the next month at the
 * earliest, so it joins the check-in then); refused: the secretary is told why.
 */

/** The conversation of a secretary proposing a model. */
export const PROPOSAL_FLOW = 'model-proposal';
/** The conversation of a leader asked for a refusal's reason. */
export const REFUSAL_FLOW = 'model-refusal';

const w = vi.admin.models.chat;

interface ChatDeps {
  now: Date;
  timeZone: string;
}

interface StoredProposal {
  proposal: { unitId: number; unitName: string; title?: string; field?: ModelField };
}
interface StoredRefusal {
  refusal: { proposalId: number; title: string };
}

/** conversations.state of a /mohinh conversation, version 1 (no older shape), read only through this. */
const STORED_PROPOSAL: StoredJsonFormat<StoredProposal> = {
  table: 'conversations',
  column: 'state',
  version: 1,
  schema: z.looseObject({
    proposal: z.object({ unitId: z.number().int(), unitName: z.string(), title: z.string().optional(), field: z.enum(MODEL_FIELDS).optional() }),
  }),
  upgrade: (value) => value,
};

/** conversations.state of a leader's refusal awaiting its reason, version 1, read only through this. */
const STORED_REFUSAL: StoredJsonFormat<StoredRefusal> = {
  table: 'conversations',
  column: 'state',
  version: 1,
  schema: z.looseObject({ refusal: z.object({ proposalId: z.number().int(), title: z.string() }) }),
  upgrade: (value) => value,
};

/** A tapped /mohinh button, through the one button codec; null for anything else. */
function proposalTapOf(value: string): ProposalTap | null {
  const decoded = decodeButtonValue(value);
  return decoded?.kind === 'proposal' ? decoded.tap : null;
}

const proposalButton = (tap: ProposalTap) => encodeButtonValue({ kind: 'proposal', tap });

function currentMonth(now: Date, timeZone: string): string {
  const { year, month } = calendarParts(now, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** /mohinh: for one unit the name is asked at once; a person reporting for several picks the unit first. */
export async function startProposal(db: Db, p: { account: ChannelAccountRow; units: readonly { unitId: number; unitName: string }[] }): Promise<PlannedReply[]> {
  if (p.units.length === 0) return [{ text: vi.menu.noUnit }];
  if (p.units.length > 1) return [{ text: vi.menu.pickUnit, choices: p.units.map((u) => ({ label: u.unitName, value: proposalButton({ kind: 'unit', unitId: u.unitId }) })) }];
  const unit = p.units[0]!;
  const state: StoredProposal = { proposal: { unitId: unit.unitId, unitName: unit.unitName } };
  await openConversation(db, { accountId: p.account.id, flow: PROPOSAL_FLOW, unitId: unit.unitId, periodId: null, reportId: null, step: 'title', state });
  return [{ text: w.askTitle(unit.unitName) }];
}

/** The next message of a /mohinh conversation: the name, then the field (a button), then the month. */
export async function continueProposal(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; conversation: ConversationRow; input: CheckinInput } & ChatDeps,
): Promise<PlannedReply[]> {
  const stored = readStoredJson(STORED_PROPOSAL, p.conversation.id, p.conversation.state, null);
  const save = (step: string, state: StoredProposal, status: 'open' | 'closed' = 'open') =>
    saveConversation(db, { id: p.conversation.id, expectedVersion: p.conversation.version, step, state, status });
  const text = p.input.type === 'text' ? p.input.text : '';
  const value = p.input.type === 'choice' ? p.input.value : '';
  if (/^\/(huy|dung)\b/i.test(text.trim())) {
    await save('done', stored, 'closed');
    return [{ text: w.cancelled }];
  }
  const current = currentMonth(p.now, p.timeZone);
  const askMonth = (): PlannedReply => ({ text: w.askMonth, choices: proposalMonthChoices(current).map((m) => ({ label: monthLabel(m), value: proposalButton({ kind: 'month', month: m }) })) });
  const askField = (): PlannedReply => ({ text: w.askField, choices: MODEL_FIELDS.map((f) => ({ label: vi.web.fields[f], value: proposalButton({ kind: 'field', field: f }) })) });
  if (p.conversation.step === 'title') {
    const title = proposalTitle(text);
    if (!title) return [{ text: w.titleAgain }];
    await save('field', { proposal: { ...stored.proposal, title } });
    return [askField()];
  }
  if (p.conversation.step === 'field') {
    const button = proposalTapOf(value);
    if (button?.kind !== 'field') return [askField()];
    await save('month', { proposal: { ...stored.proposal, field: button.field } });
    return [askMonth()];
  }
  const button = proposalTapOf(value);
  const month = button?.kind === 'month' ? parseProposalMonth(monthLabel(button.month), current) : parseProposalMonth(text, current);
  if (!month) return [{ text: w.monthAgain(monthLabel(proposalMonthChoices(current)[0]!)) }, askMonth()];
  const { unitId, unitName, title, field } = stored.proposal;
  const id = await insertProposal(db, { unitId, personId: p.personId, title: title!, field: field!, startsOn: `${month}-01`, at: p.now });
  await save('done', stored, 'closed');
  await recordAudit(db, { actorKind: 'person', actorPersonId: p.personId, action: 'model.propose', entityType: 'model_proposal', entityId: String(id), details: { unitId, after: { title, field, startsOn: `${month}-01` }, via: p.account.channel }, at: p.now });
  const proposal = (await findProposal(db, id))!;
  const leaders = await listNearestLeadersAbove(db, { id: proposal.unitId, path: proposal.unitPath });
  const accounts = (await Promise.all(leaders.map((personId) => listAccountIdsOf(db, personId)))).flat();
  await enqueueOutbound(
    db,
    accounts.map((accountId) => ({
      accountId,
      purpose: 'model-proposal',
      dedupeKey: `model-proposal:${id}:${accountId}`,
      payload: toPayload({
        text: w.notice({ unit: unitName, title: title!, field: vi.web.fields[field!], month: monthLabel(month), by: proposal.proposedByName ?? '' }),
        choices: [
          { label: vi.admin.models.proposals.confirm, value: proposalButton({ kind: 'confirm', proposalId: id }) },
          { label: vi.admin.models.proposals.refuse, value: proposalButton({ kind: 'refuse', proposalId: id }) },
        ],
      }),
    })),
    p.now,
  );
  return [{ text: [w.sent(title!, monthLabel(month)), ...(accounts.length === 0 ? [w.noDecider] : [])].join('\n') }];
}

/** Whether a person may decide a unit's proposal: an admin of its organisation, or a leader of a unit above it. */
export async function mayDecideProposal(db: Db, personId: number, unit: { id: number; path: string }): Promise<boolean> {
  const roles = await listRolesOfPerson(db, personId);
  return roles.some((r) => {
    if (r.role === 'admin') return covers(scopeRootsOf([r])[0]!, unit);
    return r.role === 'leader' && r.unitId !== unit.id && unit.path.startsWith(r.unitPath);
  });
}

/** What deciding a proposal did, or why it did not. */
export type ProposalDecision =
  | { ok: true; proposal: ProposalView; modelId: number | null }
  | { ok: false; refusal: 'not-found' | 'not-decider' | 'already-decided' | 'duplicate' };

/**
 * Confirms (the model is registered, active from its start month) or refuses (with the reason)
 * a pending proposal, tells the secretary kindly through the outbox, and writes the audit entry.
 * Run inside the action's transaction.
 */
export async function decideProposal(
  db: Db,
  p: { personId: number; proposalId: number; decision: 'confirm' | 'refuse'; reason: string | null; via: string; now: Date },
): Promise<ProposalDecision> {
  const proposal = await findProposal(db, p.proposalId);
  if (!proposal) return { ok: false, refusal: 'not-found' };
  if (!(await mayDecideProposal(db, p.personId, { id: proposal.unitId, path: proposal.unitPath }))) return { ok: false, refusal: 'not-decider' };
  if (proposal.status !== 'pending') return { ok: false, refusal: 'already-decided' };
  let modelId: number | null = null;
  if (p.decision === 'confirm') {
    modelId = await insertModel(db, { unitId: proposal.unitId, title: proposal.title, field: proposal.field, startedOn: proposal.startsOn, status: 'active', description: null, at: p.now });
    if (modelId === null) return { ok: false, refusal: 'duplicate' };
  }
  const status = p.decision === 'confirm' ? 'confirmed' : 'refused';
  if (!(await decideProposalRow(db, { id: proposal.id, status, personId: p.personId, reason: p.reason, modelId, at: p.now }))) return { ok: false, refusal: 'already-decided' };
  await recordAudit(db, {
    actorKind: 'person', actorPersonId: p.personId, action: `model.proposal.${p.decision}`, entityType: 'model_proposal', entityId: String(proposal.id),
    details: { unitId: proposal.unitId, before: { status: 'pending' }, after: { status, reason: p.reason, modelId }, via: p.via }, at: p.now,
  });
  if (proposal.proposedByPersonId !== null) {
    const month = monthLabel(proposal.startsOn.slice(0, 7));
    const text = p.decision === 'confirm' ? w.toSecretaryConfirmed(proposal.title, month) : w.toSecretaryRefused(proposal.title, p.reason ?? '');
    const accounts = await listAccountIdsOf(db, proposal.proposedByPersonId);
    await enqueueOutbound(db, accounts.map((accountId) => ({ accountId, purpose: 'model-proposal', dedupeKey: `model-proposal-decided:${proposal.id}:${accountId}`, payload: { text } })), p.now);
  }
  return { ok: true, proposal, modelId };
}

/** The chat's words for a refused decision. */
export function describeProposalRefusal(refusal: Exclude<ProposalDecision, { ok: true }>['refusal']): string {
  return refusal === 'not-decider' || refusal === 'not-found' ? w.notDecider : refusal === 'duplicate' ? w.duplicate : w.alreadyDecided;
}

/**
 * A tap on a /mohinh button outside its conversation: a unit to propose for, a leader's «Xác nhận» /
 * «Từ chối», or a lĩnh vực or month of a proposal no longer open.
 */
export async function handleProposalButton(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; tap: ProposalTap; units: readonly { unitId: number; unitName: string }[] } & ChatDeps,
): Promise<PlannedReply[]> {
  const button = p.tap;
  if (button?.kind === 'unit') {
    const unit = p.units.find((u) => u.unitId === button.unitId);
    return unit ? startProposal(db, { account: p.account, units: [unit] }) : [{ text: vi.menu.noUnit }];
  }
  if (button?.kind === 'confirm') {
    const outcome = await decideProposal(db, { personId: p.personId, proposalId: button.proposalId, decision: 'confirm', reason: null, via: p.account.channel, now: p.now });
    if (!outcome.ok) return [{ text: describeProposalRefusal(outcome.refusal) }];
    return [{ text: w.confirmed(outcome.proposal.title, outcome.proposal.unitName, monthLabel(outcome.proposal.startsOn.slice(0, 7))) }];
  }
  if (button?.kind === 'refuse') {
    const proposal = await findProposal(db, button.proposalId);
    if (!proposal || !(await mayDecideProposal(db, p.personId, { id: proposal.unitId, path: proposal.unitPath }))) return [{ text: w.notDecider }];
    if (proposal.status !== 'pending') return [{ text: w.alreadyDecided }];
    const state: StoredRefusal = { refusal: { proposalId: proposal.id, title: proposal.title } };
    await openConversation(db, { accountId: p.account.id, flow: REFUSAL_FLOW, unitId: proposal.unitId, periodId: null, reportId: null, step: 'reason', state });
    return [{ text: w.askReason(proposal.title) }];
  }
  // A lĩnh vực or month tapped after its proposal was sent or given up.
  return [{ text: w.staleStep }];
}

/** The message after «Từ chối»: the reason; /huy gives up without refusing. */
export async function receiveRefusalReason(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; conversation: ConversationRow; input: CheckinInput } & ChatDeps,
): Promise<PlannedReply[]> {
  const stored = readStoredJson(STORED_REFUSAL, p.conversation.id, p.conversation.state, null);
  const close = () => saveConversation(db, { id: p.conversation.id, expectedVersion: p.conversation.version, step: 'done', state: stored, status: 'closed' });
  const text = p.input.type === 'text' ? p.input.text.trim() : '';
  if (/^\/(huy|dung)\b/i.test(text)) {
    await close();
    return [{ text: w.refusalCancelled }];
  }
  const reason = proposalTitle(text);
  if (!reason) return [{ text: w.reasonAgain }];
  const outcome = await decideProposal(db, { personId: p.personId, proposalId: stored.refusal.proposalId, decision: 'refuse', reason, via: p.account.channel, now: p.now });
  await close();
  if (!outcome.ok) return [{ text: describeProposalRefusal(outcome.refusal) }];
  return [{ text: w.refused(outcome.proposal.title, outcome.proposal.unitName) }];
}
