import { z } from "zod";
import { callbackData } from "../../callback-data.js";

const token = z.string().regex(/^[0-9a-f]{10}$/);

/** Publish the draft with this token; `all` = "1" notifies everyone, not only holders of changed items. */
export const publishData = callbackData("pub", { token, all: z.enum(["0", "1"]) });
export const cancelData = callbackData("pubx", { token });
