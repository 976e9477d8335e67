import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";
import { copyOfExample, csvRows } from "../helpers/example-copy.js";
import { readPdf, squash } from "../helpers/pdf.js";

/*
 * An event in more languages than the example's three: a fourth of conclave's (zh-Hans), and one
 * of the event's own packs (i18n/fr.yaml) that three delegates read. Every material is made; the
 * badges place their shared pieces by the number of languages (the header, a back per language,
 * the cut marks, then the category bands); a letter for a language without its sentences is
 * written in the default language, with a warning naming whose.
 */
const FR_PACK = `language: fr
name: Français
precedence:
  minister: ['\\bministre\\b']
labels:
  category:
    vip: Invité d'honneur
    delegate: Délégué
`;

let fourLanguages: Awaited<ReturnType<typeof copyOfExample>>;
let eventPack: Awaited<ReturnType<typeof copyOfExample>>;
let four: ReturnType<typeof conclave>;
let fr: ReturnType<typeof conclave>;

const addLanguage = async (dir: string, lang: string) => {
  const file = path.join(dir, "event.yaml");
  const yaml = await readFile(file, "utf8");
  expect(yaml).toMatch(/^languages: \[en, ko, vi\]$/m);
  await writeFile(file, yaml.replace(/^languages: \[en, ko, vi\]$/m, `languages: [en, ko, vi, ${lang}]`));
};

beforeAll(async () => {
  fourLanguages = await copyOfExample("conclave-four-languages-");
  await addLanguage(fourLanguages.dir, "zh-Hans");
  four = conclave(["badges", fourLanguages.dir, "--out", path.join(fourLanguages.tmp, "out")]);

  eventPack = await copyOfExample("conclave-event-pack-");
  await addLanguage(eventPack.dir, "fr");
  await mkdir(path.join(eventPack.dir, "i18n"));
  await writeFile(path.join(eventPack.dir, "i18n/fr.yaml"), FR_PACK);
  // KR-001, KR-002 and KR-003 (VIPs) read French.
  const file = path.join(eventPack.dir, "delegates.csv");
  const lines = (await readFile(file, "utf8")).split("\n");
  const header = lines[0]!.split(",");
  const at = header.indexOf("language");
  for (const id of ["KR-001", "KR-002", "KR-003"]) {
    const i = lines.findIndex((l) => l.startsWith(`${id},`));
    const cells = lines[i]!.split(",");
    expect(cells).toHaveLength(header.length);
    cells[at] = "fr";
    lines[i] = cells.join(",");
  }
  await writeFile(file, lines.join("\n"));
  fr = conclave(["build", eventPack.dir, "--out", path.join(eventPack.tmp, "out")]);
}, 300_000);

afterAll(async () => {
  await fourLanguages?.remove();
  await eventPack?.remove();
});

describe("an event in four of conclave's languages", () => {
  it("prints each badge's own category band on its front", async () => {
    expect(four.code, four.stderr).toBe(0);
    const pdf = await readPdf(path.join(fourLanguages.tmp, "out/badges/badges.pdf"));
    // The first sheet: Ahn Do-yoon, Ahn So-hee (organiser), Ahn Tae-ho, Ahn Woo-jin, in English.
    const front = squash(pdf.text[0]!);
    expect(front).toContain("AhnSo-hee");
    expect(front.match(/DELEGATE/g)).toHaveLength(3);
    expect(front.match(/ORGANISER/g)).toHaveLength(1);
    // Not a back's band or a back itself, which a piece counted from three languages would place.
    expect(front).not.toContain("참가자");
    expect(front).not.toContain("한눈에");
  });
});

describe("an event pack's language that three delegates read", () => {
  it("builds every material", () => {
    expect(fr.code, fr.stdout + fr.stderr).toBe(0);
    expect(fr.stdout + fr.stderr).toContain("programme (en, ko, vi, fr)");
  });

  it("prints the French words the pack has on those delegates' badge backs", async () => {
    const pdf = await readPdf(path.join(eventPack.tmp, "out/badges/badges.pdf"));
    const backs = pdf.text.filter((t) => squash(t).includes("MoonSeung-min문승민"));
    expect(backs.length).toBeGreaterThan(0);
    expect(backs.map(squash).join("")).toContain("Invitéd'honneur");
  });

  it("writes their letters in English, and says so", async () => {
    const said = fr.stdout + fr.stderr;
    expect(said).toContain(
      "warning missing-translation conclave has no invitation letter in fr: the 3 letters of KR-001, KR-002, KR-003 are in en",
    );
    expect(said).toContain("Add templates/letters/invitation.fr.typ");
    expect(said).not.toContain("left out");
    const rows = await csvRows(path.join(eventPack.tmp, "out/letters/invitation/mailing.csv"));
    const of = (id: string) => rows.find((r) => r.startsWith(`${id},`))!.split(",");
    for (const id of ["KR-001", "KR-002", "KR-003"]) expect(of(id)[3]).toBe("en");
    const letter = await readPdf(path.join(eventPack.tmp, "out/letters/invitation", of("KR-001")[4]!));
    expect(squash(letter.text.join(" "))).toContain("Dear");
  });
});

describe("conclave diff and reprint with an event pack", () => {
  it("reprint reads the last build's data with the pack (its event.yaml names fr)", () => {
    const r = conclave(["reprint", eventPack.dir, "--out", path.join(eventPack.tmp, "out")]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain("Nothing to reprint");
  });

  it("ranks a changed position in the pack's words, so the protocol list is to print again", async () => {
    const file = path.join(eventPack.dir, "delegates.csv");
    const text = await readFile(file, "utf8");
    const line = text.split("\n").find((l) => l.startsWith("KR-007,"))!;
    expect(line).toContain(",Chief Executive Officer,");
    await writeFile(
      file,
      text.replace(line, line.replace(",Chief Executive Officer,", ",Ministre délégué,")),
    );
    const r = conclave(["diff", eventPack.dir, "--out", path.join(eventPack.tmp, "out")]);
    const said = r.stdout + r.stderr;
    expect(said).toContain('now "Ministre délégué"');
    expect(said).toMatch(/To print again: .*protocol list \(1\)/);
    await writeFile(file, text);
  });
});

describe("--lang", () => {
  it("takes a language of the event's own packs", async () => {
    const out = path.join(eventPack.tmp, "out-lang");
    const r = conclave(["agenda", eventPack.dir, "--lang", "fr", "--delegates", "KR-004", "--out", out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("refuses a language without a pack, naming the nearest, before building anything", () => {
    const out = path.join(eventPack.tmp, "out-none");
    const r = conclave(["letters", eventPack.dir, "--lang", "fx", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: --lang fx: there is no language pack for fx");
    expect(r.stderr).toContain("Did you mean --lang fr?");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("of a pack whose file has errors shows those errors, not that the pack is missing", async () => {
    await mkdir(path.join(fourLanguages.dir, "i18n"), { recursive: true });
    await writeFile(path.join(fourLanguages.dir, "i18n/de.yaml"), "language: de\nlabels:\n  seatng: {}\n");
    const r = conclave([
      "letters",
      fourLanguages.dir,
      "--lang",
      "de",
      "--out",
      path.join(fourLanguages.tmp, "de"),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/i18n\/de\.yaml:3:\d+ error language-pack/);
    expect(r.stdout + r.stderr).not.toContain("there is no language pack");
  });

  it("refuses what is not a language tag at all", () => {
    const r = conclave(["letters", eventPack.dir, "--lang", "French!"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"French!" is not a language tag');
  });
});
