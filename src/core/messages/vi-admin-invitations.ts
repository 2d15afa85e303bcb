/** The words of the admin page «invitations» (issue 17), `vi.admin.invitations` in the message catalogue. */
export const viAdminInvitations = {} as const;
