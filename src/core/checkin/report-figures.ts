import type { ModelProgress } from '../domain.js';
import { readPhotos } from './photos.js';
import type { Answer, CheckinContext, CheckinState, PhotoRef } from './types.js';

export interface ModelFigures {
  modelId: number;
  activities: number | null;
  participants: number | null;
  progress: ModelProgress | null;
  results: string | null;
  difficulties: string | null;
  /** Each photo's file reference and the album it came in, if any. */
  photos: readonly PhotoRef[];
  /** Every answer about this model by question key ("activities", a province's own questions); absent: none kept. */
  answers?: Readonly<Record<string, Answer>>;
}

/** A check-in's answers in the shape the reports store and the digests add up. */
export interface ReportFigures {
  noActivity: boolean;
  meetingsHeld: number | null;
  membersPresent: number | null;
  membersTotal: number | null;
  themedSessionHeld: boolean | null;
  themedSessionSubject: string | null;
  difficulties: string | null;
  proposals: string | null;
  goodDeeds: readonly string[];
  models: readonly ModelFigures[];
  /** Every answer by key, as given under the question set's version. */
  answers: Readonly<Record<string, Answer>>;
}

const PROGRESS = new Set<string>(['on_track', 'delayed', 'paused', 'completed']);

/**
 * Maps the answers of the well-known questions to report figures; answers to questions a
 * province added stay in `answers`. A "nothing this month" report has zero figures, no models.
 */
export function toReportFigures(ctx: CheckinContext, state: CheckinState): ReportFigures {
  const a = state.answers;
  if (state.noActivity) {
    return {
      noActivity: true, meetingsHeld: 0, membersPresent: null, membersTotal: null, themedSessionHeld: false,
      themedSessionSubject: null, difficulties: null, proposals: null, goodDeeds: [], models: [], answers: {},
    };
  }
  // No meeting, no attendance (a check-in saved before the engine dropped it may still hold one).
  const attendance = a.meetingsHeld === 0 ? null : (a.attendance as { present: number; total: number } | null | undefined);
  const themed = typeof a.themedSessionHeld === 'boolean' ? a.themedSessionHeld : null;
  return {
    noActivity: false,
    meetingsHeld: num(a.meetingsHeld),
    membersPresent: attendance?.present ?? null,
    membersTotal: attendance?.total ?? null,
    themedSessionHeld: themed,
    themedSessionSubject: themed ? str(a.themedSessionSubject) : null,
    difficulties: str(a.difficulties),
    proposals: str(a.proposals),
    goodDeeds: str(a.goodDeeds) ? [str(a.goodDeeds)!] : [],
    models: ctx.models.map((model, i) => ({
      modelId: model.id,
      activities: num(a[`m${i}.activities`]),
      participants: num(a[`m${i}.participants`]),
      progress: PROGRESS.has(a[`m${i}.progress`] as string) ? (a[`m${i}.progress`] as ModelProgress) : null,
      results: str(a[`m${i}.results`]),
      difficulties: str(a[`m${i}.modelDifficulties`]),
      photos: readPhotos(a[`m${i}.photos`]),
      answers: modelAnswersOf(a, i),
    })),
    answers: a,
  };
}

/** The answers kept as "m2.key" for the model at index 2, by their question's key. */
function modelAnswersOf(answers: Readonly<Record<string, Answer>>, index: number): Record<string, Answer> {
  const prefix = `m${index}.`;
  const own: Record<string, Answer> = {};
  for (const [key, value] of Object.entries(answers)) if (key.startsWith(prefix) && key !== `${prefix}photos`) own[key.slice(prefix.length)] = value;
  return own;
}

function num(value: Answer | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

function str(value: Answer | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
