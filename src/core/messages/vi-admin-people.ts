/** The words of the admin page «people» (issue 17), `vi.admin.people` in the message catalogue. */
export const viAdminPeople = {} as const;
