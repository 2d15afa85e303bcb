import { z } from 'zod';
import { advance, startCheckin } from './engine.js';
import type { Question } from './question-set.js';
import { buildSteps } from './steps.js';
import type { CheckinContext, CheckinEvent, CheckinState, Reply } from './types.js';

/**
 * A check-in tried in the browser (the editor's «Thử như bí thư», issue 18): the real engine
 * replayed from the invitation over what the admin sent so far, so the preview asks, parses and
 * re-prompts exactly as the chat would. Nothing is stored: the inputs travel in the page.
 */

/** How many inputs a preview replays at most: far more than a check-in of two models needs. */
export const MAX_PREVIEW_INPUTS = 200;

/** What the admin sent in a preview, as the page carries it back (read with zod, never cast). */
export const previewInputsSchema = z
  .array(
    z.union([
      z.strictObject({ type: z.literal('text'), text: z.string().max(1000) }),
      z.strictObject({ type: z.literal('choice'), value: z.string().max(64) }),
      z.strictObject({ type: z.literal('photo'), fileRef: z.string().max(64) }),
    ]),
  )
  .max(MAX_PREVIEW_INPUTS);

/** The inputs a preview carries. */
export type PreviewInput = z.infer<typeof previewInputsSchema>[number];

/** One line of a preview's transcript: the bot's message (with its buttons) or what the admin sent, as shown. */
export type PreviewLine = { from: 'bot'; reply: Reply } | { from: 'me'; text: string };

/** A preview replayed: every line so far, the buttons to offer now, and whether the «report» was sent. */
export interface PreviewRun {
  transcript: PreviewLine[];
  /** The buttons of the bot's last message: what the admin can tap now. */
  buttons: Reply['choices'];
  state: CheckinState;
  submitted: boolean;
  /** The question being asked now (null at the invitation, the summary, or after sending). */
  asking: Question | null;
}

/** Reads the inputs a preview page carried (a JSON array); anything else starts over. */
export function readPreviewInputs(text: string | undefined): PreviewInput[] {
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = previewInputsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}

/** Replays a check-in under a context over the inputs sent so far, as the chat would have answered each. */
export function runPreview(ctx: CheckinContext, inputs: readonly PreviewInput[]): PreviewRun {
  const started = startCheckin(ctx);
  let state = started.state;
  const transcript: PreviewLine[] = started.replies.map((reply) => ({ from: 'bot', reply }));
  let buttons = started.replies.at(-1)?.choices;
  let event: CheckinEvent | undefined;
  for (const input of inputs) {
    if (event === 'submitted') break;
    transcript.push({ from: 'me', text: shown(input, buttons) });
    const result = advance(ctx, state, input);
    state = result.state;
    event = result.event;
    for (const reply of result.replies) transcript.push({ from: 'bot', reply });
    const last = result.replies.at(-1);
    // A reply without buttons (a re-prompt's first line, «đã nhận ảnh») keeps the question's below it.
    if (result.replies.length > 0) buttons = last?.choices ?? buttons;
  }
  const asking = state.phase === 'asking' ? (buildSteps(ctx.questionSet, ctx.models.length)[state.step]?.question ?? null) : null;
  return { transcript, buttons: event === 'submitted' ? [] : buttons, state, submitted: event === 'submitted', asking };
}

/** What the admin sent, as the chat would show it: a tapped button's label, the text, or a photo. */
function shown(input: PreviewInput, buttons: Reply['choices']): string {
  if (input.type === 'text') return input.text;
  if (input.type === 'photo') return '📷';
  return buttons?.find((b) => b.value === input.value)?.label ?? input.value;
}
