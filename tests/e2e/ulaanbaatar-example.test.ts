import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdf } from "../helpers/pdf.js";

// The second example event (fixtures/cicon-ulaanbaatar-2024, fictional): a forum in Ulaanbaatar
// printed in English, Mongolian and Chinese. `conclave build` makes every material, the visa
// letters are made for the Mongolian embassy, no character lacks a glyph, and the Chinese pages
// embed Noto Sans SC.

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/conclave.js");
const env = { ...process.env, NO_COLOR: "1" };
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env });

let tmp: string;
let dir: string;
let out: string;
let build: ReturnType<typeof run>;
let visa: ReturnType<typeof run>;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-ulaanbaatar-"));
  dir = path.join(tmp, "event");
  await cp(path.join(root, "fixtures/cicon-ulaanbaatar-2024"), dir, { recursive: true });
  out = path.join(tmp, "out");
  build = run("build", dir, "--out", out);
  visa = run("letters", dir, "--kind", "visa", "--out", out);
}, 300_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const text = async (file: string) => (await readPdf(path.join(out, file))).text.join("\n");
const squash = (s: string) => s.replace(/\s+/g, "");

describe("the Ulaanbaatar example", () => {
  it("builds every material, and the visa letters", () => {
    expect(build.status, build.stderr).toBe(0);
    expect(visa.status, visa.stderr).toBe(0);
    for (const file of [
      "agenda/programme.en.pdf",
      "agenda/programme.mn.pdf",
      "agenda/programme.zh-Hans.pdf",
      "badges/badges.pdf",
      "letters/invitation/all.pdf",
      "letters/visa/all.pdf",
      "seating/BANQUET/plan.pdf",
      "seating/BANQUET/place-cards.pdf",
      "seating/BANQUET/table-list.pdf",
      "protocol/protocol-list-zh-Hans.pdf",
      "protocol/protocol-list-mn.pdf",
    ])
      expect(existsSync(path.join(out, file)), file).toBe(true);
  });

  it("prints every name whole on the seating materials (a long one on two lines, not cut)", async () => {
    // The poster's Mongolian rows once cut "Хан Жэ Вон (Han Jae-w…" beside "Тэргүүн ширээ".
    expect(`${build.stdout}${build.stderr}`).not.toContain("seating-overflow");
    const poster = squash(await text("seating/BANQUET/table-poster.pdf"));
    expect(poster).toContain(squash("Хан Жэ Вон (Han Jae-won)"));
    expect(poster).toContain(squash("Элеанор Уиткомб-Харрингтон (Eleanor Whitcombe-Harrington)"));
    expect(poster).not.toContain("…");
  });

  it("has no character that the fonts cannot print, and the glyph check would say so", async () => {
    const report = JSON.parse(
      execFileSync(process.execPath, [bin, "validate", dir, "--format", "json"], { env, encoding: "utf8" }),
    );
    expect(report.diagnostics.filter((d: { code: string }) => d.code === "missing-glyph")).toEqual([]);
    // A Tibetan letter, which none of the bundled fonts draws, in a copy of the delegates.
    const bad = path.join(tmp, "bad");
    await cp(dir, bad, { recursive: true });
    const csv = await readFile(path.join(bad, "delegates.csv"), "utf8");
    await writeFile(
      path.join(bad, "delegates.csv"),
      csv.replace("Trans-Steppe Rail", "Trans-Steppe Rail \u0f40"),
    );
    const worse = run("validate", bad, "--format", "json");
    expect(JSON.parse(worse.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain(
      "missing-glyph",
    );
  });

  it("embeds Noto Sans SC in the Chinese pages, and Pretendard alone in the Mongolian ones", () => {
    const fonts = (file: string) => execFileSync("pdffonts", [path.join(out, file)], { encoding: "utf8" });
    for (const file of ["agenda/programme.zh-Hans.pdf", "letters/invitation/CN-001-Wang-Wei.pdf"]) {
      const list = fonts(file);
      expect(list, file).toMatch(/NotoSansSC-Regular/);
      // Every font is embedded: the emb column of each row says yes.
      for (const row of list.split("\n").slice(2).filter(Boolean))
        expect(row, file).toMatch(/ yes +yes +yes /);
    }
    expect(fonts("agenda/programme.mn.pdf")).not.toMatch(/NotoSans/);
  });

  it("writes a Chinese invitation as a Chinese official letter", async () => {
    const t = squash(await text("letters/invitation/CN-001-Wang-Wei.pdf"));
    expect(t).toContain("邀请函");
    // The vice mayor by surname and office; a professor by surname and 教授.
    expect(t).toContain("尊敬的王副市长：");
    expect(squash(await text("letters/invitation/CN-003-Chen-Hao.pdf"))).toContain("尊敬的陈教授：");
    expect(t).toContain("此致敬礼！");
    expect(t).toContain("编号：CICONUB2024/INV/CN-001");
    // Dated at the end, under the issuing organisation.
    expect(t).toMatch(/敬礼！.*韩国CEO峰会协会2024年4月22日/);
    expect(t).toContain("2024年6月18日至19日");
  });

  it("writes a Mongolian invitation with the patronymic initial and the Mongolian closing", async () => {
    const t = (await text("letters/invitation/MN-002-Dorj-Oyuntsetseg.pdf")).replace(/\s+/g, " ");
    expect(t).toContain("Эрхэм хүндэт");
    expect(t).toContain("Д. Оюунцэцэг танаа,");
    expect(t).toContain("Хүндэтгэсэн,");
    expect(t).toContain("2024 оны 4-р сарын 22");
  });

  it("writes the visa letters in Mongolian for the embassy, with the passport's name", async () => {
    const t = (await text("letters/visa/CN-002-Li-Ming.pdf")).replace(/\s+/g, " ");
    expect(t).toContain("Виз олгуулах тухай");
    expect(t).toContain("LI MING");
    expect(t).toContain("E87654321");
    expect(t).toContain("Хүндэтгэсэн,");
  });

  it("prints the Chinese programme's labels with the full-width colon", async () => {
    const t = squash(await text("agenda/programme.zh-Hans.pdf"));
    expect(t).toContain("主持人：");
    expect(t).toContain("开幕致辞：");
    expect(t).not.toMatch(/主持人:/);
  });
});
