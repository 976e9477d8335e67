import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";
import { copyOfExample } from "../helpers/example-copy.js";

/*
 * out/site/ in a real browser (Chromium from Debian's packages, which .ci/run installs), from
 * file:// and offline: the index, a day, a session and a speaker page in each language load with
 * no console error and no failed request, axe-core finds no WCAG 2.1 A/AA violation, the day page
 * has no horizontal scroll on a 375 px phone, the language switcher leads to the same page in the
 * other languages, and the pages read the same with JavaScript off.
 */
const SECRET_EMAIL = "site-secret-4e1b@private.example";
const SECRET_PASSPORT = "M40417719";
const CHROMIUM = process.env.CONCLAVE_CHROMIUM ?? "/usr/bin/chromium";
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const LANGS = ["en", "ko", "vi"] as const;
const PAGES = [
  "index.html",
  "days/2023-06-20.html",
  "sessions/OPENING.html",
  "speakers/KR-004.html",
  "speakers/index.html",
  "rooms.html",
];

let example: Awaited<ReturnType<typeof copyOfExample>>;
let browser: Browser;
let site: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  example = await copyOfExample("conclave-site-");
  // A speaker's private data, made unique so that no other text can contain it by chance.
  const csv = path.join(example.dir, "delegates.csv");
  const text = readFileSync(csv, "utf8");
  expect(text).toContain("seungmin.moon@example.kr");
  expect(text).toContain("M85882410");
  writeFileSync(
    csv,
    text.replace("seungmin.moon@example.kr", SECRET_EMAIL).replace("M85882410", SECRET_PASSPORT),
  );
  const r = conclave(["agenda", example.dir, "--site"]);
  expect(r.code, r.stderr).toBe(0);
  site = path.join(example.dir, "out/site");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await example?.remove();
});

const url = (rel: string) => pathToFileURL(path.join(site, rel)).href;

/** A page that records console errors, uncaught errors and requests that failed. */
async function open(options: { width?: number; javaScript?: boolean } = {}) {
  const context = await browser.newContext({
    offline: true,
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  // A font still loading when a test clicks on to the next page is aborted, not failed.
  page.on("requestfailed", (r) => {
    if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`${r.url()}: ${r.failure()?.errorText}`);
  });
  return { page, errors, close: () => context.close() };
}

/**
 * axe-core's WCAG 2.1 A and AA rules. Its CSSOM preload (for css-orientation-lock) fetches the
 * stylesheets by XHR, which file:// refuses; the test reads site.css itself for that rule instead.
 */
async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      preload: false,
    });
    return result.violations.map((v) => {
      const x = v as { id: string; nodes: { target: string[] }[] };
      return `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`;
    });
  });
}

describe("the programme site", () => {
  for (const lang of LANGS) {
    it(`${lang}: index, day, session and speaker load from file:// with no error and no axe violation`, async () => {
      const { page, errors, close } = await open();
      try {
        for (const rel of PAGES) {
          await page.goto(url(`${lang}/${rel}`));
          await page.evaluate("document.fonts.ready.then(() => true)");
          expect(await page.getAttribute("html", "lang")).toBe(lang);
          expect(await page.locator("h1").count(), rel).toBe(1);
          // The bundled faces loaded (a font the browser refused would show as "error").
          const faces = await page.evaluate<string[]>("[...document.fonts].map((f) => f.status)");
          expect(faces, rel).toEqual(["loaded", "loaded"]);
          expect(errors, rel).toEqual([]);
          expect(await axeViolations(page), `${lang}/${rel}`).toEqual([]);
        }
      } finally {
        await close();
      }
    }, 60_000);
  }

  it("holds no private data of the speakers, and nothing of delegates who do not speak", () => {
    const files = readdirSync(site, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(path.join(f.parentPath, f.name), "latin1");
      const utf8 = readFileSync(path.join(f.parentPath, f.name), "utf8");
      for (const secret of [
        SECRET_EMAIL,
        SECRET_PASSPORT,
        "1977-11-22",
        "@example.kr",
        "@example.vn",
        // KR-007 only attends: their name and phone appear nowhere.
        "Hong Hyun-woo",
        "홍현우",
        "+82 10 5550 1000",
      ])
        expect(text.includes(secret) || utf8.includes(secret), `${secret} in ${f.name}`).toBe(false);
    }
    // KR-001 speaks; a delegate who only attends (KR-007 in delegates.csv) has no page and no mention.
    expect(existsSync(path.join(site, "en/speakers/KR-001.html"))).toBe(true);
    expect(existsSync(path.join(site, "en/speakers/KR-007.html"))).toBe(false);
  });

  it("the page that lists the languages loads with no error and no axe violation", async () => {
    const { page, errors, close } = await open();
    try {
      await page.goto(url("index.html"));
      expect(await page.locator("li[lang=ko] a").getAttribute("href")).toBe("ko/index.html");
      expect(errors).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the stylesheet locks no orientation (axe's css-orientation-lock, which file:// keeps from reading it)", () => {
    const css = readFileSync(path.join(site, "assets/site.css"), "utf8");
    expect(css).toContain("@media print");
    expect(css).not.toMatch(/orientation\s*:/);
  });

  it("the day page has no horizontal scroll at 375 px, in time order, and rooms side by side at 1280 px", async () => {
    for (const lang of LANGS) {
      const phone = await open({ width: 375 });
      await phone.page.goto(url(`${lang}/days/2023-06-20.html`));
      expect(await phone.page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        375,
      );
      // One column: every card starts at the same x, and each is below the one before it.
      const boxes = await phone.page
        .locator(".item")
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y })));
      expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y);
      await phone.close();
      const wide = await open({ width: 1280 });
      await wide.page.goto(url(`${lang}/days/2023-06-20.html`));
      const parallel = await wide.page
        .locator(".parallel .item")
        .evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), y: Math.round(r.y) })),
        );
      expect(parallel.length).toBeGreaterThan(1);
      // The three parallel sessions of the afternoon: one row, three columns.
      expect(new Set(parallel.map((b) => b.y)).size).toBe(1);
      expect(new Set(parallel.map((b) => b.x)).size).toBe(parallel.length);
      await wide.close();
    }
  }, 60_000);

  it("the language switcher goes to the same page in the other languages", async () => {
    const { page, errors, close } = await open();
    try {
      for (const rel of PAGES) {
        for (const from of LANGS) {
          for (const to of LANGS.filter((l) => l !== from)) {
            await page.goto(url(`${from}/${rel}`));
            const link = page.locator(`nav.langs a[hreflang="${to}"]`);
            expect(await link.getAttribute("lang")).toBe(to);
            await link.click();
            expect(page.url()).toBe(url(`${to}/${rel}`));
            expect(await page.getAttribute("html", "lang")).toBe(to);
          }
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("reads the same with JavaScript off: links between the pages work", async () => {
    const { page, errors, close } = await open({ javaScript: false });
    try {
      await page.goto(url("ko/index.html"));
      await page.locator(".days a").first().click();
      expect(page.url()).toBe(url("ko/days/2023-06-20.html"));
      await page.locator(".item h3 a").nth(1).click();
      expect(page.url()).toBe(url("ko/sessions/OPENING.html"));
      expect(await page.locator("h1").textContent()).toContain("개막식");
      await page.locator(".people a").first().click();
      expect(page.url()).toMatch(/\/ko\/speakers\/[^/]+\.html$/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
