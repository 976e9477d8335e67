import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEventFolder } from "../../src/build/index.js";
import { copyExample } from "../build/outputs.js";
import { readPdf } from "../helpers/pdf.js";

// The example event printed in Chinese and Mongolian too: every material builds, and the
// programmes read back in those languages, dates and labels from their packs.

let tmp: string;
let out: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-zh-mn-build-"));
  const dir = await copyExample(path.join(tmp, "event"));
  const yaml = (await readFile(path.join(dir, "event.yaml"), "utf8")).replace(
    /^languages: \[([^\]]*)\]/m,
    "languages: [$1, zh-Hans, mn]",
  );
  await writeFile(path.join(dir, "event.yaml"), yaml);
  out = path.join(tmp, "out");
  await buildEventFolder(dir, { out, jobs: 2, full: true });
}, 300_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, "");

describe("an event printing zh-Hans and mn", () => {
  it("prints the Chinese programme with the Chinese pack's words and dates", async () => {
    const pdf = await readPdf(path.join(out, "agenda/programme.zh-Hans.pdf"));
    const text = squash(pdf.text.join("\n"));
    expect(text).toContain("会议日程");
    expect(text).toContain("2023年6月20日（星期二）");
    expect(text).toContain("2023年6月20日至21日");
    expect(text).toContain("全体会议");
    // A label is followed by the pack's full-width colon, not by an ASCII ": ".
    expect(text).toContain("主持人：");
    expect(text).toContain("地点：");
    expect(text).not.toMatch(/(主持人|地点|分论坛):/);
  });

  it("prints the Mongolian programme with the Mongolian pack's words and dates", async () => {
    const pdf = await readPdf(path.join(out, "agenda/programme.mn.pdf"));
    const text = pdf.text.join("\n").replace(/\s+/g, " ");
    expect(text).toContain("ХӨТӨЛБӨР");
    expect(text).toContain("2023 оны 6-р сарын 20, Мягмар гараг");
    expect(text).toContain("Нэгдсэн хуралдаан");
  });
});
