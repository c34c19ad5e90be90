import type { Harness } from "./harness.js";
import type { Answers } from "./registration.js";

/** A delegate of the Kaluga mission who writes in Russian (public figure, see shared mission facts). */
export const GORYNIN: Answers = {
  fullName: "Константин Горынин",
  company: "ОбнинскЭнергоТех",
  position: "Заместитель генерального директора по продажам",
  region: "Калужская область",
  tags: ["Энергетика и силовая электроника", "Горная добыча"],
  tagIds: ["energy", "mining"],
  offer: "Системы управления силовой электроникой для электрических карьерных экскаваторов",
  lookingFor: "Горнодобывающие компании Красноярского края",
  phone: "+79105556677",
  email: "gorynin@oet.example",
};

/** A host in Krasnoyarsk who reads English. */
export const KOLPAKOV: Answers = {
  fullName: "Nikolay Kolpakov",
  company: "KRITBI",
  position: "Executive director",
  region: "Krasnoyarsk",
  companyDescription: "Regional innovation and technology business incubator",
  tags: ["Mining", "IT and digital services"],
  tagIds: ["mining", "it"],
  offer: "Introductions to Krasnoyarsk mining companies and incubator residents",
  lookingFor: "Power electronics and control systems for mining excavators",
  phone: "+79131112233",
  email: "kolpakov@kritbi.example",
};

/** Every contact detail of these people as it could appear anywhere: phone digits, e-mail, @username, tg link. */
export function contactNeedles(...people: { phone?: string | undefined; email?: string | undefined; username?: string | undefined; id: number }[]): string[] {
  return people.flatMap((p) => [
    ...(p.phone ? [p.phone.replace(/\D/g, "")] : []),
    ...(p.email ? [p.email] : []),
    ...(p.username ? [p.username] : []),
    `tg://user?id=${p.id}`,
  ]);
}

/**
 * Everything the bot ever put in front of anyone: every text shown (messages, edits, toasts) and the
 * raw parameters of every API call (HTML, links, buttons and their data included).
 */
export function everythingSent(h: Harness): string {
  return [...h.tg.allShownTexts(), ...h.tg.calls.map((c) => JSON.stringify(c.params))].join("\n");
}

/** Labels of the inline buttons of a message. */
export function buttonsOf(markup: unknown): string[] {
  return markup && typeof markup === "object" && "inline_keyboard" in markup
    ? (markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text)
    : [];
}
