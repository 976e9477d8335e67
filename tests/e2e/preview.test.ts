import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, conclave, root } from "../helpers/cli.js";
import { copyOfExample, setDelegateCell } from "../helpers/example-copy.js";

/*
 * `conclave preview` as a user runs it: the server started on a copy of the example, its pages in
 * Chromium (from Debian's packages, as in site.test.ts), a CSV edited while the page is open, then
 * broken and fixed, and Ctrl-C. Plus the requests that try to leave the build's files.
 */
const CHROMIUM = process.env.CONCLAVE_CHROMIUM ?? "/usr/bin/chromium";

let example: Awaited<ReturnType<typeof copyOfExample>>;
let browser: Browser;
let child: ChildProcess;
let exited: Promise<number | null>;
let url: string;
let tmp: string;
let stderr = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  example = await copyOfExample("conclave-preview-test-");
  child = spawn(process.execPath, [bin, "preview", example.dir], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  let stdout = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      stdout += d;
      const m = /Preview of .* at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`preview exited ${code}: ${stderr}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const m = /Building into (\S+) \(removed/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  tmp = m![1]!;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
    await exited;
  }
  // After a failed test the server was killed, and could not remove its folder itself.
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await example?.remove();
});

/** Resolves once the page, reloading itself, shows `selector`. */
const waitFor = (page: Page, selector: string, timeout = 60_000) =>
  page.waitForSelector(selector, { timeout });

/** What an image element tells of its loading. */
interface Loaded {
  complete: boolean;
  naturalWidth: number;
}

/** The first page image, loaded: its src and its pixels. */
async function shownImage(page: Page) {
  const img = page.locator("main img").first();
  // Polled from here: the page's Content-Security-Policy forbids evaluating strings in it.
  await expect
    .poll(
      () => img.evaluate((i) => (i as unknown as Loaded).complete && (i as unknown as Loaded).naturalWidth),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);
  return { src: await img.getAttribute("src"), pixels: await img.screenshot() };
}

/** A raw GET, the path sent as written (no URL normalisation), with an optional Host header. */
function get(path: string, host?: string): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, headers: host ? { Host: host } : {} },
      (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("conclave preview", () => {
  it("shows a delegate's badge, follows an edit of the CSV, shows an error and recovers", async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}?material=badges&delegate=KR-001`);
    // The first build may still be under way: the page reloads itself when it is done.
    await waitFor(page, "main img");
    await expect(page.locator("main h2").textContent()).resolves.toBe("Badge of Moon Seung-min (KR-001)");
    // The picker's Korean names are drawn in the bundled font, not in whatever the machine has.
    await page.evaluate("document.fonts.ready");
    expect(await page.evaluate('document.fonts.check("16px Pretendard", "문승민")')).toBe(true);
    expect(
      await page.evaluate(
        '[...document.fonts].filter((f) => f.family.includes("Pretendard")).map((f) => f.status)',
      ),
    ).toContain("loaded");
    const before = await shownImage(page);
    expect(before.src).toMatch(/^\/page\/badges\/badges\.pdf\?p=45&v=[0-9a-f]{12}$/);

    // A new given name: the page reloads by itself with the badge drawn anew.
    const edited = Date.now();
    await setDelegateCell(example.dir, "KR-001", "Seung-min", "Seung-woo");
    await expect
      .poll(() => page.locator("main h2").textContent(), { timeout: 30_000 })
      .toBe("Badge of Moon Seung-woo (KR-001)");
    expect(Date.now() - edited).toBeLessThan(20_000);
    const after = await shownImage(page);
    expect(after.src).not.toBe(before.src);
    expect(Buffer.compare(after.pixels, before.pixels)).not.toBe(0);

    // A category that does not exist: the error at its file, line and column instead of pages.
    await setDelegateCell(example.dir, "KR-001", "vip", "vipx");
    await waitFor(page, ".errors", 30_000);
    const text = await page.locator(".errors").textContent();
    expect(text).toContain("delegates.csv:2:14");
    expect(text).toContain('category: "vipx" is not an allowed value');
    expect(text).toContain("hint: Use one of:");
    expect(await page.locator("main img").count()).toBe(0);

    // Fixed: the pages are back, the server never stopped.
    await setDelegateCell(example.dir, "KR-001", "vipx", "vip");
    await waitFor(page, "main img", 30_000);
    await shownImage(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("follows event.yaml and the event's own templates, and shows a template's error where it is", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}?material=badges`);
    await waitFor(page, "main img");
    const yaml = path.join(example.dir, "event.yaml");
    await writeFile(
      yaml,
      (await readFile(yaml, "utf8")).replace("short_name: CICON 2023", "short_name: CICON 2023 β"),
    );
    await expect
      .poll(() => page.locator("h1").textContent(), { timeout: 30_000 })
      .toBe("Preview of CICON 2023 β");
    // A template of the event's own, broken on its line 12.
    expect(conclave(["templates", "eject", "badge", example.dir]).code).toBe(0);
    const template = path.join(example.dir, "templates/badge.typ");
    const lines = (await readFile(template, "utf8")).split("\n");
    const at = lines.findIndex((l) => l.startsWith("#let "));
    lines.splice(at, 0, "#let = broken");
    await writeFile(template, lines.join("\n"));
    await waitFor(page, ".errors", 30_000);
    expect(await page.locator(".errors .where").first().textContent()).toBe(
      `templates/badge.typ:${at + 1}:5`,
    );
    // Back to conclave's own template: the pages return.
    await rm(path.join(example.dir, "templates"), { recursive: true });
    await waitFor(page, "main img", 30_000);
    await page.close();
  }, 120_000);

  it("shows a personal agenda and the site, and works without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}?material=agenda&delegate=VN-004`);
    await expect(page.locator("main h2").textContent()).resolves.toMatch(
      /^Personal agenda of .* \(VN-004\)$/,
    );
    await shownImage(page);
    // The form works as a plain form.
    await page.selectOption("select[name=material]", "site");
    await page.click("button[type=submit]");
    await page.waitForURL(/material=site/);
    const frame = page.frameLocator("iframe");
    await expect(frame.locator("h1").first().textContent()).resolves.toBeTruthy();
    const site = await get("/site/");
    expect(site.status).toBe(200);
    expect(site.type).toContain("text/html");
    await context.close();
  });

  it("serves only the build's listed files, to 127.0.0.1 only", async () => {
    expect((await get("/files/badges/badges.pdf")).type).toBe("application/pdf");
    for (const path of [
      "/site/../manifest.json",
      "/site/../../../../../../etc/passwd",
      "/files/../../../../etc/passwd",
      "/files/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/site/..%2f..%2f..%2fetc%2fpasswd",
      "/files/badges/..%2f..%2fout%2fmanifest.json",
      "/files/manifest.json",
      "/files/.conclave/state.json",
      "/page/..%2f..%2fetc%2fpasswd?p=1",
      "/files//etc/passwd",
      "/files/%00",
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain("root:");
    }
    expect((await get("/", "attacker.example")).status).toBe(421);
    expect((await get("/assets/pretendard-regular.woff2")).type).toBe("font/woff2");
    expect((await get("/page/badges/badges.pdf?p=9999")).status).toBe(404);
  });

  it("stops on Ctrl-C: exit 0, its temporary folder gone", async () => {
    expect(existsSync(tmp)).toBe(true);
    child.kill("SIGINT");
    await expect(exited).resolves.toBe(0);
    expect(existsSync(tmp)).toBe(false);
    expect(stderr).toContain("Interrupted: closing the preview.");
    expect(stderr).not.toMatch(/internal error|Error:/);
  });
});

describe("conclave preview, called wrongly", () => {
  it("exits 2 without starting for a folder that is not there, or a port that cannot be", () => {
    const missing = conclave(["preview", "/nonexistent/event"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("the event folder /nonexistent/event does not exist");
    expect(missing.stdout).toBe("");
    const port = conclave(["preview", "fixtures/cicon-2023", "--port", "70000"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("expected a port number from 0 to 65535");
  });
});
