import { z } from "zod";
import { ROLES } from "../participant.js";

export { ROLES, type Role } from "../participant.js";

// The same shape as the programme's tag ids (see domain/mission/schema.ts).
const tagId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

/** Who a broadcast goes to. The mission's group is a separate choice on top of any audience. */
export const audienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z.object({ kind: z.literal("role"), role: z.enum(ROLES) }).strict(),
  z.object({ kind: z.literal("tag"), tag: tagId }).strict(),
]);
export type Audience = z.infer<typeof audienceSchema>;
