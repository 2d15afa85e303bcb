import { z } from 'zod';
import { MODEL_FIELDS, type ModelStatus } from '../domain.js';
import { MAX_TEXT, UNIT_CODE_PATTERN } from '../import/parse-import.js';
import { vi } from '../messages/vi.js';
import { cleanText } from '../text.js';

const w = vi.admin.models;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const text = (required: boolean) =>
  z
    .string()
    .transform((s) => cleanText(s))
    .pipe(
      required
        ? z.string().min(1, vi.admin.required).max(MAX_TEXT, vi.admin.tooLong(MAX_TEXT))
        : z.string().max(MAX_TEXT, vi.admin.tooLong(MAX_TEXT)),
    );
const optionalText = text(false).transform((s) => (s === '' ? null : s));
const month = (required: boolean) =>
  z
    .string()
    .trim()
    .refine((s) => (s === '' ? !required : MONTH.test(s)), { message: required ? w.badMonthRequired : w.badMonth })
    .transform((s) => (s === '' ? null : `${s}-01`));

/**
 * A model as an admin registers or edits it: the same rules as the import's rows (a unit code,
 * a non-blank title of at most 500 characters, one of the fields), plus the month it starts and,
 * for a replicated model ("nhân rộng"), the model it replicates and where to.
 */
export const modelFormSchema = z
  .object({
    unitCode: z.string().trim().min(1, vi.admin.required).regex(UNIT_CODE_PATTERN, w.badUnitCode),
    title: text(true),
    field: z.enum(MODEL_FIELDS, { message: w.badField }),
    startMonth: month(false),
    description: optionalText,
    replicatedFromId: z
      .string()
      .trim()
      .refine((s) => s === '' || /^[0-9]{1,9}$/.test(s), { message: w.badModelId })
      .transform((s) => (s === '' ? null : Number(s))),
    replicationTarget: optionalText,
  })
  .superRefine((v, ctx) => {
    if (v.replicationTarget && v.replicatedFromId === null) ctx.addIssue({ code: 'custom', path: ['replicatedFromId'], message: w.replicationNeedsSource });
  });

/** A registration or edit that passed the form's rules. */
export type ModelForm = z.infer<typeof modelFormSchema>;

/** What an admin may do to a model's status: pause, complete, stop, or resume a paused one. */
export const MODEL_STATUS_ACTIONS = ['pause', 'complete', 'stop', 'resume'] as const;
export type ModelStatusAction = (typeof MODEL_STATUS_ACTIONS)[number];

const TARGET: Record<ModelStatusAction, ModelStatus> = { pause: 'paused', complete: 'completed', stop: 'discontinued', resume: 'active' };
const FROM: Record<ModelStatusAction, readonly ModelStatus[]> = {
  pause: ['active'],
  complete: ['active', 'paused'],
  stop: ['active', 'paused'],
  resume: ['paused'],
};

/** The status an action leads to from the current one; null: not possible (a stopped model does not resume). */
export function nextModelStatus(current: ModelStatus, action: ModelStatusAction): ModelStatus | null {
  return FROM[action].includes(current) ? TARGET[action] : null;
}

/** The status actions offered for a model in its current status. */
export function availableStatusActions(current: ModelStatus): ModelStatusAction[] {
  return MODEL_STATUS_ACTIONS.filter((a) => FROM[a].includes(current));
}

/** A status change as the form sends it: the action, the reason (needed to pause or stop) and the month it takes effect. */
export const modelStatusSchema = z
  .object({
    action: z.enum(MODEL_STATUS_ACTIONS, { message: w.badAction }),
    reason: optionalText,
    month: month(true),
  })
  .superRefine((v, ctx) => {
    if ((v.action === 'pause' || v.action === 'stop') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: w.reasonRequired });
  });

export type ModelStatusForm = z.infer<typeof modelStatusSchema>;

/**
 * How a scope's running models split, as the seeds' reports count them ("50 mô hình: 13 duy trì
 * từ 2021, 37 mới"): kept from before a year (or without a start), new since, and replicated ones.
 */
export interface ModelCohorts {
  year: number;
  total: number;
  kept: number;
  fresh: number;
  replicated: number;
}
