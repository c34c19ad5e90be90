// Builds the organisers' console (web/) into dist/console: one bundled script (echarts included, no CDN),
// the page and its stylesheet. `npm run build` and `npm start` run it after tsc; the browser tests too.
import { build as esbuild } from "esbuild";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
export const OUT_DIR = fileURLToPath(new URL("../dist/console/", import.meta.url));

export async function buildConsole() {
  await mkdir(OUT_DIR, { recursive: true });
  await esbuild({
    entryPoints: [`${here}src/main.ts`],
    bundle: true,
    minify: true,
    format: "esm",
    target: ["chrome100", "safari15", "firefox100"],
    outfile: `${OUT_DIR}app.js`,
    logLevel: "warning",
    legalComments: "linked",
    define: { DENIED_TEXTS: JSON.stringify(await deniedTexts()) },
  });
  await copyFile(`${here}index.html`, `${OUT_DIR}index.html`);
  await copyFile(`${here}styles.css`, `${OUT_DIR}app.css`);
}

/** The two refusals' texts from locales/{ru,en}/console.ftl (single-line messages). */
async function deniedTexts() {
  const texts = {};
  for (const locale of ["ru", "en"]) {
    const ftl = await readFile(fileURLToPath(new URL(`../locales/${locale}/console.ftl`, import.meta.url)), "utf8");
    texts[locale] = {};
    for (const key of ["console-unauthorized", "console-forbidden"]) {
      const line = ftl.match(new RegExp(`^${key} = (.+)$`, "m"));
      if (!line) throw new Error(`locales/${locale}/console.ftl has no ${key}`);
      texts[locale][key] = line[1];
    }
  }
  return texts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildConsole();
