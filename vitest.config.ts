import { defineConfig } from "vitest/config";

/**
 * The suites that drive the whole bot through the fake Telegram (test/helpers/harness.ts) run twice:
 * once by long polling (the "polling" project, which is every test) and once through the app's webhook
 * server (the "webhook" project), with its chat lease and record of handled updates. The two transports
 * reach the handlers by different code (grammY's runner vs webhookCallback), so each feature is proved on both.
 * The organisers' console's API is served by its own server under polling and by the webhook server in
 * webhook mode: its tests run under both too.
 */
const THROUGH_THE_BOT = ["test/bot/**/*.test.ts", "test/broadcast/**/*.test.ts", "test/drills/hostile-input.test.ts", "test/server/console/**/*.test.ts"];

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The JSON report is what .ci/run reads to print its "N passed, N failed" line (both projects count).
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
    projects: [
      { extends: true, test: { name: "polling", include: ["test/**/*.test.ts"], env: { TEST_TRANSPORT: "polling" } } },
      {
        extends: true,
        test: {
          name: "webhook",
          include: THROUGH_THE_BOT,
          exclude: [
            // Unit tests of the bot's parts: no transport under them, nothing to run twice.
            "test/bot/{callback-data,entities-html,i18n}.test.ts",
            "test/bot/features/**",
            // The broadcast engine's own sending (rates, 429s) and its restart in bot processes started the
            // way src/main.ts runs by default: no update reaches the bot in them but the one that starts it.
            "test/broadcast/{limits,restart}.test.ts",
          ],
          env: { TEST_TRANSPORT: "webhook" },
        },
      },
    ],
  },
});
