import { z } from 'zod';
import type { Question, QuestionSetDefinition } from './question-set.js';

/**
 * The shapes a question set takes outside the code, read with zod and never cast: the stored
 * definition (question_sets.definition, versioned by `format` so a set stored years ago still
 * reads) and the file an administrator edits (`questions show` prints it, `questions publish`
 * reads it back).
 */

const choiceSchema = z.strictObject({ value: z.string().min(1), label: z.string().min(1) });

/** Format 1: the sets stored before issue 18 (no number kind, no skip-the-rest, no digest mark). */
const questionV1 = z.object({
  key: z.string().min(1),
  scope: z.enum(['unit', 'model']),
  kind: z.enum(['count', 'attendance', 'yes_no', 'text', 'choice', 'photos']),
  prompt: z.string(),
  label: z.string(),
  optional: z.boolean(),
  quickReplies: z.array(z.string()).optional(),
  choices: z.array(choiceSchema).optional(),
  max: z.number().optional(),
  askIf: z.string().optional(),
});

/** Format 2 (issue 18): numbers with a unit, lower bounds, skip-the-rest and the digest mark. */
const questionV2 = questionV1.extend({
  kind: z.enum(['count', 'number', 'attendance', 'yes_no', 'text', 'choice', 'photos']),
  min: z.number().optional(),
  unit: z.string().optional(),
  skipRestIfZero: z.boolean().optional(),
  showInDigest: z.boolean().optional(),
});

const storedV1 = z.object({ format: z.literal(1).optional(), version: z.number().int().min(1), title: z.string(), questions: z.array(questionV1) });
const storedV2 = z.object({ format: z.literal(2), version: z.number().int().min(1), title: z.string(), questions: z.array(questionV2) });

/** The format new definitions are stored in. */
export const QUESTION_SET_FORMAT = 2;

/** A stored definition that does not read as any known format: the row is damaged, not a question set. */
export class StoredQuestionSetError extends Error {
  override readonly name = 'StoredQuestionSetError';
}

/** Reads a stored definition of any format into the current shape; throws on a damaged one. */
export function parseStoredQuestionSet(json: unknown): QuestionSetDefinition {
  const format = typeof json === 'object' && json !== null && 'format' in json ? (json as { format: unknown }).format : 1;
  const parsed = format === 2 ? storedV2.safeParse(json) : storedV1.safeParse(json);
  if (!parsed.success) throw new StoredQuestionSetError(`stored question set unreadable: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { version: parsed.data.version, title: parsed.data.title, questions: parsed.data.questions.map(compact) };
}

/** A definition as it is stored: the current format, tagged. */
export function toStoredQuestionSet(definition: QuestionSetDefinition): Record<string, unknown> {
  return { format: QUESTION_SET_FORMAT, version: definition.version, title: definition.title, questions: definition.questions.map(compact) };
}

const fileQuestion = z.strictObject({
  key: z.string(),
  scope: z.enum(['unit', 'model']),
  kind: z.enum(['count', 'number', 'attendance', 'yes_no', 'text', 'choice', 'photos']),
  label: z.string(),
  prompt: z.string(),
  optional: z.boolean(),
  quickReplies: z.array(z.string()).optional(),
  choices: z.array(choiceSchema).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  askIf: z.string().optional(),
  skipRestIfZero: z.boolean().optional(),
  showInDigest: z.boolean().optional(),
});

const VI_ERRORS = z.locales.vi().localeError;

const fileSchema = z.strictObject({ title: z.string().optional(), questions: z.array(fileQuestion) });

/** The file `questions show` prints and `questions publish` reads. */
export interface QuestionSetFile {
  title?: string;
  questions: Question[];
}

/** Where a file is not a question set: the path inside it ("questions.3.kind") and zod's reason. */
export interface FileShapeIssue {
  path: string;
  message: string;
}

/** Reads an edited file: the set, or every place its shape is wrong (an unknown field, a missing one). */
export function parseQuestionSetFile(json: unknown): { ok: true; file: QuestionSetFile } | { ok: false; issues: FileShapeIssue[] } {
  // zod's own Vietnamese messages: the file's author reads them.
  const parsed = fileSchema.safeParse(json, { error: VI_ERRORS });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  return { ok: true, file: { ...(parsed.data.title !== undefined ? { title: parsed.data.title } : {}), questions: parsed.data.questions.map(compact) } };
}

/** A definition as the file an administrator edits: the fields a question has, in a stable order. */
export function toQuestionSetFile(definition: QuestionSetDefinition): QuestionSetFile {
  return { title: definition.title, questions: definition.questions.map(compact) };
}

const ORDER: readonly (keyof Question)[] = ['key', 'scope', 'kind', 'label', 'prompt', 'optional', 'quickReplies', 'choices', 'min', 'max', 'unit', 'askIf', 'skipRestIfZero', 'showInDigest'];

/** The question with its fields in one order and none left undefined, so a round trip prints the same file. */
function compact(q: Partial<Question>): Question {
  const out: Record<string, unknown> = {};
  for (const field of ORDER) if (q[field] !== undefined) out[field] = field === 'choices' ? q.choices!.map((c) => ({ value: c.value, label: c.label })) : q[field];
  return out as unknown as Question;
}
