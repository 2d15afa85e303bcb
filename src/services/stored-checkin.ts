import { z } from 'zod';
import { readPhotos } from '../core/checkin/photos.js';
import type { CheckinState } from '../core/checkin/types.js';
import { isJsonObject, readStoredJson, type StoredJsonFormat } from '../core/stored-json.js';

/** What the check-in is about, fixed when it starts, so answering a question needs no lookups. */
export interface CheckinAbout {
  personName: string;
  unitName: string;
  periodLabel: string;
  month: number;
  dueLabel: string;
  dueAt: string;
  questionSetId: number;
  reportId: number;
  models: { id: number; title: string }[];
}

/** What a check-in conversation row keeps (conversations.state, version 2): the engine's state and what it is about. */
export interface StoredCheckin {
  /** The shape's version, written with the whole state; a row the fast path alone has written since may lack it (see STORED_CHECKIN). */
  v?: 2;
  checkin: CheckinState;
  about: CheckinAbout;
  /**
   * The conversation's version when the bot last said something in it. Buttons drawn since then
   * are what is on screen: a step that says nothing (the rest of an album) leaves them usable.
   */
  screenVersion: number;
  /**
   * The report's version this conversation was built on: 0 for a first report, the sent version
   * when /sua reopened it. A submission finding a newer version (the deputy sent meanwhile) is
   * not written over it silently. Missing in rows from before it was kept: then nothing is checked.
   */
  seenVersion?: number;
  /** When the role of the person answering ended and the check-in was left for their successor (ISO instant; storage/queries/conversations). */
  handedOverAt?: string;
}

/** The version STORED_CHECKIN reads and nextStored writes. */
export const STORED_CHECKIN_VERSION = 2;

const photoRef = z.object({ fileRef: z.string(), mediaGroupId: z.string().optional() });
const answer = z.union([z.number(), z.object({ present: z.number(), total: z.number() }), z.boolean(), z.string(), z.array(photoRef), z.null()]);

const checkinState: z.ZodType<CheckinState> = z.object({
  phase: z.enum(['intro', 'asking', 'summary', 'pick_edit', 'submitted']),
  step: z.number().int(),
  trail: z.array(z.number().int()),
  answers: z.record(z.string(), answer),
  noActivity: z.boolean(),
  editing: z.boolean(),
  lastMediaGroup: z.string().nullable(),
});

const about: z.ZodType<CheckinAbout> = z.object({
  personName: z.string(),
  unitName: z.string(),
  periodLabel: z.string(),
  month: z.number().int(),
  dueLabel: z.string(),
  dueAt: z.string(),
  questionSetId: z.number().int(),
  reportId: z.number().int(),
  models: z.array(z.object({ id: z.number().int(), title: z.string() })),
});

/**
 * conversations.state, version 2. Version 1 (rows without `v`) may lack `screenVersion` (then
 * only buttons of the row's current version were taken: the upgrade sets it so) and keep photos
 * as bare file references (check-ins started before albums were kept: the upgrade makes them
 * PhotoRefs). Fields this version does not know are kept (an instance of a newer release may have
 * written them).
 */
export const STORED_CHECKIN: StoredJsonFormat<StoredCheckin, { version: number }> = {
  table: 'conversations',
  column: 'state',
  version: STORED_CHECKIN_VERSION,
  schema: z.looseObject({
    v: z.literal(2).optional(),
    checkin: checkinState,
    about,
    screenVersion: z.number().int(),
    seenVersion: z.number().int().optional(),
    handedOverAt: z.string().optional(),
  }),
  upgrade: (value, row) => {
    // By shape, not by `v`: a row the fast path alone wrote since keeps no `v`, and a part of an
    // older row may sit beside newer ones (photos of an album added to bare references).
    if (!isJsonObject(value) || !isJsonObject(value.checkin)) return value;
    const answers = isJsonObject(value.checkin.answers) ? value.checkin.answers : {};
    return {
      ...value,
      v: STORED_CHECKIN_VERSION,
      screenVersion: value.screenVersion ?? row.version,
      checkin: { ...value.checkin, answers: Object.fromEntries(Object.entries(answers).map(([key, a]) => [key, Array.isArray(a) ? readPhotos(a) : a])) },
    };
  },
};

/** The state of a conversation row, read through STORED_CHECKIN; one that does not parse is a StoredJsonError naming the row. */
export function readStoredCheckin(row: { id: number; version: number; state: unknown }): StoredCheckin {
  return readStoredJson(STORED_CHECKIN, row.id, row.state, row);
}
