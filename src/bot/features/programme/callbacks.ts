import { z } from "zod";
import { callbackData } from "../../callback-data.js";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
const index = z.coerce.number().int().min(0).max(999);

/** A day of the programme, one page of it. */
export const dayData = callbackData("pday", { day: index, page: index });
export const itemData = callbackData("pitem", { id });
/** Back from an item card to the page of its day that lists it, found when pressed. */
export const itemDayData = callbackData("pdayi", { id });
/** Opens an item card as a new message (from a reminder, whose text must stay). */
export const itemNewData = callbackData("pitemn", { id });
export const saveData = callbackData("psave", { id });
export const calendarData = callbackData("pics", { id });
export const mapData = callbackData("pmap", { id });
export const speakerData = callbackData("spk", { id });
export const speakersPageData = callbackData("spks", { page: index });
export const myPageData = callbackData("my", { page: index });
export const myCalendarData = callbackData("myics", {});
