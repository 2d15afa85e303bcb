/** The words of the admin page «models» (issue 17), `vi.admin.models` in the message catalogue. */
export const viAdminModels = {} as const;
