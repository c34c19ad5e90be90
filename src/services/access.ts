/**
 * Who may do organiser things. Checked on the server side for every organiser command and callback,
 * whatever the client shows or sends.
 */
export interface Access {
  isOrganiser(userId: number): Promise<boolean>;
}

/** Organisers from ORGANISER_IDS; invite-made organisers are added by the participants' roles. */
export function configuredOrganisers(ids: readonly number[]): Access {
  const set = new Set(ids);
  return { isOrganiser: (userId) => Promise.resolve(set.has(userId)) };
}
