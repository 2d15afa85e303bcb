/** The words of the admin page «audit» (issue 17), `vi.admin.audit` in the message catalogue. */
export const viAdminAudit = {} as const;
