import type { Role } from "../domain/participant.js";

/**
 * Who may do organiser things. Checked on the server side for every organiser command and callback,
 * whatever the client shows or sends.
 */
export interface Access {
  isOrganiser(userId: number): Promise<boolean>;
}

/** Where roles given by invites are kept (the participants repository). */
export interface RoleSource {
  roleOf(userId: number): Promise<{ role: Role } | undefined>;
}

/** Organisers from ORGANISER_IDS only. */
export function configuredOrganisers(ids: readonly number[]): Access {
  const set = new Set(ids);
  return { isOrganiser: (userId) => Promise.resolve(set.has(userId)) };
}

/** Organisers from ORGANISER_IDS plus everyone who opened an organiser invite link. */
export function organiserAccess(ids: readonly number[], roles: RoleSource): Access {
  const configured = configuredOrganisers(ids);
  return {
    async isOrganiser(userId) {
      if (await configured.isOrganiser(userId)) return true;
      return (await roles.roleOf(userId))?.role === "organiser";
    },
  };
}
