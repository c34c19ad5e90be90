import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { dumpValues, FYODOR, LABELS, OLGA, register, seedParticipant } from "../helpers/registration.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: "3900" } });
});
afterAll(async () => {
  await h.stop();
});

/**
 * Every value under the test's prefix, to grep for what must be gone; the published programme is left
 * out: it is public and names the same real speakers the registration fixtures use.
 */
async function everything(): Promise<string> {
  return dumpValues(h.redis, (await h.keys()).filter((key) => key !== `${h.prefix}programme`));
}

describe("/deletemydata", () => {
  it("asks first, then deletes the profile so that no key holds the name, phone or e-mail", async () => {
    const u = h.tg.user(3001, { language_code: "ru" });
    const other = h.tg.user(3002, { language_code: "en" });
    await register(u, OLGA, "ru");
    await seedParticipant(h, other.id, FYODOR, { language: "en" });
    const before = await everything();
    expect(before).toContain(OLGA.fullName);
    expect(before).toContain("79131234567");

    expect(texts(await u.send("/deletemydata"))).toEqual(["Удалить ваш профиль и все ваши персональные данные из бота? Отменить это будет нельзя."]);
    expect(texts(await u.press("Нет, оставить"))).toContain("Хорошо, ничего не удалено.");
    expect(await h.redis.exists(`${h.prefix}participant:3001`)).toBe(1);

    await u.send("/deletemydata");
    const done = texts(await u.press("🗑 Да, удалить всё")).at(-1);
    expect(done).toBe(
      [
        "Готово. Удалено:",
        "• профиль: имя, компания, должность, регион, отрасли, «предлагаю» и «ищу»",
        "• телефон",
        "• e-mail",
        "",
        "У организаторов остаются только обезличенные счётчики, например сколько раз использована ссылка-приглашение. Зарегистрироваться снова можно командой /register.",
      ].join("\n"),
    );
    const after = await everything();
    for (const value of [OLGA.fullName, OLGA.company, OLGA.position, OLGA.offer, OLGA.lookingFor, "79131234567", OLGA.email ?? "", "krasinvest"]) {
      expect(after).not.toContain(value);
    }
    expect(after).not.toMatch(/participants:[a-z:-]+ \[[^\]]*"3001"/);
    // Someone else's data is untouched.
    expect(after).toContain(FYODOR.fullName);
    expect(texts(await u.send("/profile"))).toEqual(["Вы ещё не зарегистрированы. Регистрация займёт около минуты."]);
  });

  it("deletes an unfinished registration, answers typed so far included, also when asked in the middle of it", async () => {
    const u = h.tg.user(3010, { language_code: "en" });
    await u.send("/register");
    await u.press(LABELS.en.agree);
    await u.send("Nikolay Kolpakov");
    await u.send("KRITBI");
    await u.send("Executive director");
    expect(await everything()).toContain("Nikolay Kolpakov");
    // No "paused" note: the answers are about to go.
    expect(texts(await u.send("/deletemydata"))).toEqual(["Delete your profile and all your personal data from the bot? This cannot be undone."]);
    expect(texts(await u.press("🗑 Yes, delete everything")).at(-1)).toBe(
      "Done. Deleted:\n• the answers of an unfinished registration\n\nThe organisers keep only anonymous counts, such as how many times an invite link was used. You can register again with /register.",
    );
    const after = await everything();
    for (const value of ["Nikolay Kolpakov", "KRITBI", "Executive director"]) expect(after).not.toContain(value);
    expect(texts(await u.send("/register")).at(-1)).toContain("Consent to personal data processing");
  });

  it("deletes a role an invite gave, and says when there is nothing to delete", async () => {
    const organiser = h.tg.user(3900, { language_code: "en" });
    await organiser.send("/invite host");
    const payload = /start=(i_[A-Za-z0-9_-]{22})/.exec(organiser.lastText())?.[1];
    const u = h.tg.user(3020, { language_code: "en" });
    await u.send(`/start ${payload ?? ""}`);
    await u.send("/deletemydata");
    expect(texts(await u.press("🗑 Yes, delete everything")).at(-1)).toMatch(/^Done\. Deleted:\n• the role an invite link gave you\n/);
    expect(await h.redis.exists(`${h.prefix}rolegrant:3020`)).toBe(0);
    // The link's use count stays for the organisers; who used it does not.
    const token = (payload ?? "").slice(2);
    expect(await h.redis.hget(`${h.prefix}invite:${token}`, "uses")).toBe("1");
    expect(await h.redis.smembers(`${h.prefix}invite:${token}:users`)).toEqual([]);

    const nobody = h.tg.user(3021, { language_code: "en" });
    await nobody.send("/deletemydata");
    expect(texts(await nobody.press("🗑 Yes, delete everything")).at(-1)).toBe("I keep no data about you — there is nothing to delete.");
  });

  it("is reachable from the profile card", async () => {
    const u = h.tg.user(3030, { language_code: "en" });
    await seedParticipant(h, u.id, { ...FYODOR, fullName: "Mikhail Labudin" }, { language: "en" });
    await u.send("/profile");
    expect(texts(await u.press("🗑 Delete my data")).at(-1)).toBe("Delete your profile and all your personal data from the bot? This cannot be undone.");
    await u.press("🗑 Yes, delete everything");
    expect(await everything()).not.toContain("Mikhail Labudin");
  });
});
