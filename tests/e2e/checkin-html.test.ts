import { existsSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32, CODE_PREFIX, decodeCode, signCode } from "../../src/checkin/code.js";
import { conclave } from "../helpers/cli.js";
import { copyOfExample } from "../helpers/example-copy.js";

/*
 * out/checkin/checkin.html in a real browser (Chromium from Debian's packages, which .ci/run
 * installs): offline, from file://, at a fixed time on the event's first day. A genuine code marks
 * the delegate arrived, a forged one is refused, a hostile name prints as written, the arrivals
 * export as CSV, and the page logs no error.
 */
const CHROMIUM = process.env.CONCLAVE_CHROMIUM ?? "/usr/bin/chromium";

let example: Awaited<ReturnType<typeof copyOfExample>>;
let browser: Browser;
let html: string;
let data: {
  event: { tag: string; validFrom: string; end: string };
  delegates: { id: string; name: string; category: string; revision: number }[];
};
let key: Buffer;
const hostile = "<img src=x onerror=alert(1)>";

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  example = await copyOfExample("conclave-checkin-html-");
  const dir = example.dir;
  expect(conclave(["keys", "init", dir]).code).toBe(0);
  const yaml = path.join(dir, "event.yaml");
  await writeFile(yaml, (await readFile(yaml, "utf8")).replace(/^ {2}qr: .*$/m, "  qr: signed"));
  const csv = path.join(dir, "delegates.csv");
  const text = await readFile(csv, "utf8");
  expect(text).toMatch(/^KR-071,Mr,Woo-jin,/m);
  await writeFile(csv, text.replace(/^KR-071,Mr,Woo-jin,/m, `KR-071,Mr,${hostile},`));
  const r = conclave(["checkin", "lists", dir]);
  expect(r.code, r.stderr).toBe(0);
  html = path.join(dir, "out/checkin/checkin.html");
  data = JSON.parse(readFileSync(path.join(dir, "out/checkin/checkin.json"), "utf8"));
  key = readFileSync(path.join(dir, "checkin-private.pem"));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await example?.remove();
});

async function codeFor(id: string): Promise<string> {
  const { createPrivateKey } = await import("node:crypto");
  const d = data.delegates.find((x) => x.id === id)!;
  return signCode(
    {
      event: data.event.tag,
      delegateId: id,
      revision: d.revision,
      validFrom: data.event.validFrom,
      validUntil: data.event.end,
      category: d.category as "vip",
      zones: [0],
    },
    createPrivateKey(key),
  );
}

describe("checkin.html", () => {
  it("checks codes offline from file://, keeps the arrivals and exports them as CSV", async () => {
    const context = await browser.newContext({ offline: true, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    // 09:00 on the event's first day, Ho Chi Minh City time.
    await page.clock.install({ time: new Date("2023-06-20T02:00:00Z") });
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.textContent("#status")).toContain("Signatures are checked in this browser");

    const scan = async (code: string) => {
      await page.fill("#code", code);
      await page.press("#code", "Enter");
      await page.waitForFunction('document.querySelector("#result").className !== ""');
      const r = { cls: await page.getAttribute("#result", "class"), text: await page.textContent("#result") };
      await page.evaluate('document.querySelector("#result").className = ""');
      return r;
    };
    const genuine = await scan(await codeFor("KR-001"));
    expect(genuine.cls).toBe("ok");
    expect(genuine.text).toContain("Welcome: Moon Seung-min");
    expect(await page.textContent("#count")).toBe("1");

    // One byte of the signed body changed: refused.
    const d = decodeCode(await codeFor("KR-002"));
    if (!d.ok) throw new Error(d.reason);
    const bytes = Buffer.concat([d.body, d.signature]);
    bytes[10] = bytes[10]! ^ 0x02;
    const forged = await scan(`${CODE_PREFIX}${base32(bytes)}`);
    expect(forged.cls).toBe("refused");
    expect(forged.text).toContain("signature does not match");
    expect(await page.textContent("#count")).toBe("1");

    // A hostile name prints as written, as text: no element made, no script run.
    const odd = await scan(await codeFor("KR-071"));
    expect(odd.cls).toBe("ok");
    expect(odd.text).toContain(hostile);
    expect(await page.locator("#result img").count()).toBe(0);
    expect(dialogs).toBe(0);

    // The arrivals stay in the browser: a reload shows them.
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.textContent("#count")).toBe("2");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("\ufeffarrived_at,id,name,category");
    expect(csv).toContain(",KR-001,Moon Seung-min,vip");
    // Korean order on the list: family name first.
    expect(csv).toContain(`,KR-071,Ahn ${hostile},`);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("refuses a genuine code on a day after the event", async () => {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    await page.clock.install({ time: new Date("2023-07-01T02:00:00Z") });
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#code", await codeFor("KR-001"));
    await page.press("#code", "Enter");
    await page.waitForFunction('document.querySelector("#result").className === "refused"');
    expect(await page.textContent("#result")).toContain("valid until 2023-06-21");
    await context.close();
  }, 60_000);
});
