import type * as schema from './schema/index.js';

/** Row types, inferred from the schema in this one place. */
export type OrgUnitRow = typeof schema.orgUnits.$inferSelect;
export type NewOrgUnitRow = typeof schema.orgUnits.$inferInsert;
export type PersonRow = typeof schema.people.$inferSelect;
export type UnitRoleRow = typeof schema.unitRoles.$inferSelect;
export type ChannelAccountRow = typeof schema.channelAccounts.$inferSelect;
export type InvitationRow = typeof schema.invitations.$inferSelect;
export type ModelRow = typeof schema.models.$inferSelect;
export type QuestionSetRow = typeof schema.questionSets.$inferSelect;
export type PeriodRow = typeof schema.periods.$inferSelect;
export type ReviewDeadlineRow = typeof schema.reviewDeadlines.$inferSelect;
export type ReportRow = typeof schema.reports.$inferSelect;
export type ReportVersionRow = typeof schema.reportVersions.$inferSelect;
export type ModelAnswerRow = typeof schema.modelAnswers.$inferSelect;
export type UnitMonthFiguresRow = typeof schema.unitMonthFigures.$inferSelect;
export type SubtreeMonthFiguresRow = typeof schema.subtreeMonthFigures.$inferSelect;
export type SubtreeReportingUnitsRow = typeof schema.subtreeReportingUnits.$inferSelect;
export type SubtreeActiveModelsRow = typeof schema.subtreeActiveModels.$inferSelect;
export type ModelMonthActivityRow = typeof schema.modelMonthActivity.$inferSelect;
export type GoodDeedRow = typeof schema.goodDeeds.$inferSelect;
export type AttachmentRow = typeof schema.attachments.$inferSelect;
export type ConversationRow = typeof schema.conversations.$inferSelect;
export type OutboundMessageRow = typeof schema.outboundMessages.$inferSelect;
export type AuditLogRow = typeof schema.auditLog.$inferSelect;
export type ScheduleRow = typeof schema.schedules.$inferSelect;
export type SnoozeRow = typeof schema.snoozes.$inferSelect;
export type GeneratedFileRow = typeof schema.generatedFiles.$inferSelect;
