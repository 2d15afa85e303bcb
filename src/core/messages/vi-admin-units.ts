/** The words of the admin page «units» (issue 17), `vi.admin.units` in the message catalogue. */
export const viAdminUnits = {} as const;
