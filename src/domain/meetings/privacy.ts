import type { Participant } from "../participant.js";
import { contactsVisible, type MeetingRequest } from "./request.js";

/**
 * What anyone in the mission may see of a participant: the directory, suggestions, a request's card.
 * Built field by field, so a contact field added to the profile later stays out unless added here.
 */
export interface PublicProfile {
  id: number;
  role: Participant["role"];
  fullName: string;
  company: string;
  position: string;
  region: string;
  tags: readonly string[];
  offer: string;
  lookingFor: string;
  companyDescription?: string;
}

export function publicProfile(p: Participant): PublicProfile {
  return {
    id: p.id,
    role: p.role,
    fullName: p.fullName,
    company: p.company,
    position: p.position,
    region: p.region,
    tags: p.tags,
    offer: p.offer,
    lookingFor: p.lookingFor,
    ...(p.role === "host" && p.companyDescription ? { companyDescription: p.companyDescription } : {}),
  };
}

/** What the other side of an accepted meeting gets: how to reach the person, as far as they shared it. */
export interface Contacts {
  id: number;
  fullName: string;
  company: string;
  position: string;
  username?: string;
  phone?: string;
  email?: string;
}

/** The person's contacts, but only for the other side of a meeting both agreed to. */
export function contactsFor(p: Participant, request: MeetingRequest): Contacts | undefined {
  if (!contactsVisible(request) || (request.from !== p.id && request.to !== p.id)) return undefined;
  return {
    id: p.id,
    fullName: p.fullName,
    company: p.company,
    position: p.position,
    ...(p.username ? { username: p.username } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.email ? { email: p.email } : {}),
  };
}
