import { z } from 'zod';
import { ORG_UNIT_KINDS, REVIEW_KINDS } from '../domain.js';
import type { DigestFigures } from './types.js';

const submissionCounts = { expected: z.number(), submitted: z.number(), onTime: z.number(), late: z.number(), notSent: z.number() };

const monthTotals = z.object({
  month: z.string(),
  reports: z.number(),
  noActivityReports: z.number(),
  meetingsHeld: z.number(),
  membersPresent: z.number(),
  membersTotal: z.number(),
  modelAnswers: z.number(),
  activities: z.number(),
  participants: z.number(),
});

const capped = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });

/**
 * A digest's figures as a notice payload keeps them (outbound_messages.payload): read back from
 * JSON, so a deadline's instant, written as an ISO string, becomes a Date again.
 */
export const digestFiguresSchema: z.ZodType<DigestFigures> = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  month: z.string(),
  previousMonth: z.string(),
  submission: z.object({
    total: z.object(submissionCounts),
    bySubunit: z.array(
      z.object({ ...submissionCounts, month: z.string(), unitId: z.number(), code: z.string(), name: z.string(), kind: z.enum(ORG_UNIT_KINDS), self: z.boolean() }),
    ),
  }),
  totals: z.object({ current: monthTotals, previous: monthTotals }),
  inactiveModels: capped(
    z.object({ modelId: z.number(), title: z.string(), unitId: z.number(), unitCode: z.string(), unitName: z.string(), lastActiveMonth: z.string().nullable() }),
  ),
  raised: capped(
    z.object({
      month: z.string(),
      unitId: z.number(),
      unitCode: z.string(),
      unitName: z.string(),
      kind: z.enum(['difficulty', 'proposal']),
      modelTitle: z.string().nullable(),
      text: z.string(),
    }),
  ),
  deadlines: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(REVIEW_KINDS),
      title: z.string(),
      scopeUnitId: z.number(),
      scopeUnitName: z.string(),
      coversFrom: z.string(),
      coversTo: z.string(),
      dueAt: z.coerce.date(),
    }),
  ),
  review: z
    .object({
      counts: z.object({ pending: z.number(), approved: z.number(), returned: z.number() }),
      waiting: capped(z.object({ unitName: z.string(), month: z.string() })),
    })
    .optional(),
});
