import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createKeys } from "../../src/storage/keys.js";
import { InvitesRepo } from "../../src/storage/invites-repo.js";
import { texts, type FakeUser } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { FYODOR, LABELS, OLGA, seedParticipant } from "../helpers/registration.js";

const ORGANISER = 4900;
let h: Harness;
let organiser: FakeUser;
beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER) } });
  organiser = h.tg.user(ORGANISER, { language_code: "ru" });
});
afterAll(async () => {
  await h.stop();
});

const LINK = /https:\/\/t\.me\/mission_test_bot\?start=(i_[A-Za-z0-9_-]{22})/;

/** Makes a link with `/invite <args>` as the organiser and returns its payload. */
async function invite(args: string, by: FakeUser = organiser): Promise<string> {
  await by.send(`/invite ${args}`);
  const payload = LINK.exec(by.lastText())?.[1];
  if (!payload) throw new Error(`no link in: ${by.lastText()}`);
  return payload;
}

const grant = async (id: number) => JSON.parse((await h.redis.get(`${h.prefix}rolegrant:${id}`)) ?? "null") as unknown;

describe("/invite", () => {
  it("is for organisers only", async () => {
    const u = h.tg.user(4001, { language_code: "en" });
    expect(texts(await u.send("/invite host"))).toEqual(["This command is for the mission's organisers only."]);
    expect((await h.keys()).some((k) => k.includes(":invite"))).toBe(false);
  });

  it("makes an unguessable single-use deep link and explains bad arguments", async () => {
    await organiser.send("/invite host");
    const text = organiser.lastText();
    expect(text).toMatch(/^🔗 Ссылка-приглашение для роли «принимающая сторона»:\nhttps:\/\/t\.me\/mission_test_bot\?start=i_[A-Za-z0-9_-]{22}\nИспользований: 1\. Действует до \d+ [а-я]+ 20\d\d/);
    expect(organiser.lastMessage().html).toContain("<code>https://t.me/mission_test_bot?start=");
    const first = LINK.exec(text)?.[1] ?? "";
    expect(first.length).toBeLessThanOrEqual(64);
    expect(await invite("host")).not.toBe(first);

    expect(texts(await organiser.send("/invite"))[0]).toMatch(/^Не понял, для какой роли нужна ссылка\.\n\nКак сделать ссылку-приглашение:/);
    expect(texts(await organiser.send("/invite host 0"))[0]).toMatch(/^Число использований — от 1 до 500\./);
    expect(texts(await organiser.send("/invite host 1 365"))[0]).toMatch(/^Срок действия — от 1 до 90 дней\./);
    expect(texts(await organiser.send("/invite speaker"))[0]).toMatch(/^Укажите id спикера из программы/);
    expect(texts(await organiser.send("/invite speaker <b>Evil</b>"))[0]).toMatch(/^Укажите id спикера из программы/);
  });
});

describe("/invites", () => {
  it("lists working links and revokes one with its button; refuses everyone else", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    const payload = await invite("organiser 3 2", org);
    await org.send("/invites");
    expect(org.lastText()).toContain("Working invite links");
    expect(org.lastText()).toContain(`https://t.me/mission_test_bot?start=${payload}`);
    const listed = org.lastMessage();

    // Someone else pressing (or forging) the button changes nothing.
    const stranger = h.tg.user(4002, { language_code: "en" });
    await stranger.send("/start");
    expect(texts(await stranger.send("/invites"))).toEqual(["This command is for the mission's organisers only."]);
    const button = (listed.reply_markup && "inline_keyboard" in listed.reply_markup ? listed.reply_markup.inline_keyboard.flat() : []).find(
      (b) => "callback_data" in b && b.callback_data?.includes(payload.slice(2)),
    );
    const data = button && "callback_data" in button ? (button.callback_data ?? "") : "";
    expect(data).not.toBe("");
    expect(texts(await stranger.pressData(data))).toEqual(["This command is for the mission's organisers only."]);
    const newcomer = h.tg.user(4003, { language_code: "en" });
    expect(texts(await newcomer.send(`/start ${payload}`))[0]).toMatch(/you are now an organiser/);

    await org.pressData(data, listed.message_id);
    expect(org.toasts.at(-1)).toBe("The link is revoked: it no longer works.");
    expect(org.messages.find((m) => m.message_id === listed.message_id)?.text).not.toContain(payload);
    const late = h.tg.user(4004, { language_code: "en" });
    expect(texts(await late.send(`/start ${payload}`))[0]).toMatch(/withdrawn this invite link/);
  });
});

describe("opening an invite link", () => {
  it("makes a new user a host, who then registers with the company description", async () => {
    const payload = await invite("host");
    const u = h.tg.user(4010, { language_code: "ru" });
    const start = texts(await u.send(`/start ${payload}`));
    expect(start[0]).toBe("🎫 Приглашение принято: вы — принимающая сторона миссии. Участники смогут запрашивать у вас встречи.");
    expect(start[1]).toContain("Здравствуйте");
    expect(start[2]).toContain("зарегистрируйтесь");
    expect(await grant(4010)).toMatchObject({ role: "host" });

    await u.press(LABELS.ru.register);
    await u.press(LABELS.ru.agree);
    await u.send("Кристина Зарубина");
    await u.send("Технопарк «Калибр»");
    await u.send("Руководитель");
    expect(texts(await u.send("Москва"))).toEqual(["Шаг 5 из 10\nКоротко расскажите о компании: чем занимается, что производит. Это увидят участники в каталоге. До 300 символов."]);
    await u.send("Технопарк: IT-дом, производственные площади резидентов, коворкинг");
    await answerRest(u);
    expect(u.lastText()).toContain("🎫 Роль: принимающая сторона\n🏢 О компании: Технопарк: IT-дом");
    await u.press(LABELS.ru.confirm);
    expect(await h.redis.hgetall(`${h.prefix}participant:4010`)).toMatchObject({ role: "host", companyDescription: "Технопарк: IT-дом, производственные площади резидентов, коворкинг" });
    expect(await h.redis.sismember(`${h.prefix}participants:role:host`, "4010")).toBe(1);
    expect(await grant(4010)).toBeNull();
  });

  it("tells the next person a used-up link is used up, then starts as usual; the first may open it again", async () => {
    const payload = await invite("host");
    const first = h.tg.user(4020, { language_code: "en" });
    const second = h.tg.user(4021, { language_code: "en" });
    expect(texts(await first.send(`/start ${payload}`))[0]).toMatch(/^🎫 Invitation accepted: you are a host/);
    const refused = texts(await second.send(`/start ${payload}`));
    expect(refused[0]).toBe("⚠️ This invite link has been used up. Ask the organisers for a new one.");
    expect(refused[1]).toContain("Hello");
    expect(refused[2]).toContain("Register to arrange business meetings");
    expect(await grant(4021)).toBeNull();
    expect(texts(await first.send(`/start ${payload}`))[0]).toMatch(/^🎫 Invitation accepted/);
    expect(await h.redis.hget(`${h.prefix}invite:${payload.slice(2)}`, "uses")).toBe("1");
  });

  it("gives the last use to exactly one of two people opening it at the same moment", async () => {
    const payload = await invite("host");
    const a = h.tg.user(4030, { language_code: "en" });
    const b = h.tg.user(4031, { language_code: "en" });
    const [ea, eb] = await Promise.all([a.send(`/start ${payload}`), b.send(`/start ${payload}`)]);
    const firsts = [texts(ea)[0], texts(eb)[0]];
    expect(firsts.filter((t) => t?.startsWith("🎫 Invitation accepted"))).toHaveLength(1);
    expect(firsts.filter((t) => t?.startsWith("⚠️ This invite link has been used up"))).toHaveLength(1);
  });

  it("refuses forged, cut and unknown payloads in the user's language and starts as usual", async () => {
    const payload = await invite("organiser");
    const u = h.tg.user(4040, { language_code: "en" });
    for (const forged of [`i_${"A".repeat(22)}`, payload.slice(0, -1), `${payload}x`, "hello", `i_${payload.slice(2, -1)}!`]) {
      const events = texts(await u.send(`/start ${forged}`));
      expect(events[0]).toBe("⚠️ This invite link is not valid. Check that it was copied in full, or ask the organisers for a new one.");
      expect(events[1]).toContain("Hello");
    }
    expect(texts(await h.tg.user(4041, { language_code: "ru" }).send("/start i_nope"))[0]).toMatch(/^⚠️ Ссылка-приглашение недействительна/);
    expect(await grant(4040)).toBeNull();
    expect(texts(await u.send("/invite host"))).toEqual(["This command is for the mission's organisers only."]);
  });

  it("refuses expired and revoked links", async () => {
    const repo = new InvitesRepo(h.redis, createKeys(h.prefix), createLogger("silent"));
    const base = { role: "host" as const, maxUses: 5, uses: 0, createdBy: ORGANISER, createdAt: Date.now() - 20 * 86_400_000, revoked: false };
    await repo.create({ ...base, token: "expiredexpiredexpired0", expiresAt: Date.now() - 1000 });
    await repo.create({ ...base, token: "revokedrevokedrevoked0", expiresAt: Date.now() + 86_400_000 });
    await repo.revoke("revokedrevokedrevoked0");
    const u = h.tg.user(4050, { language_code: "ru" });
    expect(texts(await u.send("/start i_expiredexpiredexpired0"))[0]).toBe("⚠️ Срок действия ссылки-приглашения истёк. Попросите у организаторов новую.");
    expect(texts(await u.send("/start i_revokedrevokedrevoked0"))[0]).toBe("⚠️ Организаторы отозвали эту ссылку-приглашение. Попросите у них новую.");
    expect(await grant(4050)).toBeNull();
  });

  it("makes an organiser who can invite others straight away, without registering", async () => {
    const payload = await invite("organiser 2 7");
    const u = h.tg.user(4060, { language_code: "en" });
    expect(texts(await u.send(`/start ${payload}`))[0]).toBe("🎫 Invitation accepted: you are now an organiser of the mission.");
    const made = await invite("host", u);
    expect(made).toMatch(/^i_/);
  });

  it("links a registered delegate to a speaker entry, and shows the role on the profile", async () => {
    const u = h.tg.user(4070, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    const payload = await invite("speaker pashchenko");
    expect(texts(await u.send(`/start ${payload}`))[0]).toBe("🎫 Invitation accepted: your role is speaker (pashchenko).");
    expect(await h.redis.hgetall(`${h.prefix}participant:4070`)).toMatchObject({ role: "speaker", speakerId: "pashchenko", fullName: FYODOR.fullName });
    expect(await h.redis.sismember(`${h.prefix}participants:role:delegate`, "4070")).toBe(0);
    expect(texts(await u.send("/profile"))[0]).toContain("🎫 Role: speaker");
  });

  it("asks a registered delegate who became a host only for what the role lacks", async () => {
    const u = h.tg.user(4080, { language_code: "ru" });
    await seedParticipant(h, u.id, OLGA, { language: "ru" });
    const payload = await invite("host");
    const start = texts(await u.send(`/start ${payload}`));
    expect(start.at(-1)).toBe("Для вашей роли в профиле не хватает пары ответов. Дополним?");
    expect(texts(await u.press("✏️ Дополнить профиль")).slice(-2)).toEqual([
      "Для вашей новой роли в профиле нужно кое-что дополнить.",
      "Коротко расскажите о компании: чем занимается, что производит. Это увидят участники в каталоге. До 300 символов.",
    ]);
    expect(texts(await u.send("Агентство поддержки МСП края"))).toEqual(["Спасибо, профиль дополнен."]);
    expect(await h.redis.hgetall(`${h.prefix}participant:4080`)).toMatchObject({ role: "host", companyDescription: "Агентство поддержки МСП края", fullName: OLGA.fullName });
    expect(texts(await u.send("/start")).join("\n")).not.toContain("Дополним?");
  });

  it("lets an organiser check a link without using it up: the preview alone, no greeting or offer to register", async () => {
    const payload = await invite("host");
    // The organiser is not registered: a plain /start would greet them and offer registration.
    expect(await h.redis.exists(`${h.prefix}participant:${ORGANISER}`)).toBe(0);
    expect(texts(await organiser.send(`/start ${payload}`))).toEqual([
      expect.stringMatching(/^Это ссылка-приглашение для роли «принимающая сторона»: осталось использований — 1 из 1, действует до .+\. Вы организатор, поэтому ссылка не израсходована\.$/),
    ]);
    const english = h.tg.user(ORGANISER, { language_code: "en" });
    expect(texts(await english.send(`/start ${payload}`))).toEqual([
      expect.stringMatching(/^This is an invite link for the role “host”: 1 of 1 uses left, valid until .+\. You are an organiser, so opening it used nothing up\.$/),
    ]);
    expect(await h.redis.hget(`${h.prefix}invite:${payload.slice(2)}`, "uses")).toBe("0");
    const u = h.tg.user(4090, { language_code: "en" });
    expect(texts(await u.send(`/start ${payload}`))[0]).toMatch(/^🎫 Invitation accepted/);
  });
});

/** From the tags question to the summary, with a host's answers. */
async function answerRest(u: FakeUser): Promise<void> {
  await u.press("Логистика и беспилотный транспорт");
  await u.press(LABELS.ru.done);
  await u.send("Площадки для резидентов");
  await u.send("Производителей лидаров");
  await u.send(LABELS.ru.skip);
  await u.send(LABELS.ru.skip);
}
