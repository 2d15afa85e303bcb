import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { attachmentKind, channelKind } from './enums.js';
import { modelAnswers } from './model-answers.js';
import { reports } from './reports.js';

/** A photo or file sent as evidence, kept by the channel's own file reference (Telegram file_id, Zalo URL). */
export const attachments = pgTable(
  'attachments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    modelAnswerId: integer().references(() => modelAnswers.id, { onDelete: 'cascade' }),
    channel: channelKind().notNull(),
    kind: attachmentKind().notNull().default('photo'),
    fileRef: text().notNull(),
    /** Telegram's media_group_id: photos sent together as one album. */
    mediaGroupId: text(),
    caption: text(),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('attachments_report_file_key').on(t.reportId, t.channel, t.fileRef),
    index('attachments_model_answer_idx').on(t.modelAnswerId),
  ],
);
