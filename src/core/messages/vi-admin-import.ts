/** The words of the admin page «import» (issue 17), `vi.admin.import` in the message catalogue. */
export const viAdminImport = {} as const;
