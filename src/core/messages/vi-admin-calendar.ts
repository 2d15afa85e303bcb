/** The words of the admin page «calendar» (issue 17), `vi.admin.calendar` in the message catalogue. */
export const viAdminCalendar = {} as const;
