import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { DataInvalid, UserError } from "../../errors.js";
import { builtinPacks, REFERENCE_LANGUAGE } from "../../i18n/builtin.js";
import { coverageOf, type PackCoverage } from "../../i18n/coverage.js";
import { combinePacks, type LanguagePacks } from "../../i18n/packs.js";
import { confine } from "../../load/confine.js";
import { EVENT_FILE, loadEventFolder } from "../../load/event-folder.js";
import { loadLanguagePacks } from "../../load/packs.js";
import { safeLine } from "../report/safe-text.js";
import type { Ui } from "../ui.js";

export interface LanguagesOptions {
  format: "pretty" | "json";
}

/** What a pack is not yet: the words and rules conclave still spells in code (issue #20). */
const NOT_YET =
  "Not in packs yet: the words inside the Typst templates (a letter's sentences are its language's module, templates/letters/<kind>.<lang>.typ, for en, ko, mn, vi and zh-Hans) and the country names a letter keeps whole.";

/**
 * `conclave languages [dir]`: conclave's language packs and, given an event folder, its own
 * (i18n/<lang>.yaml), with what each covers. Exit 1 when one of the event's packs has errors.
 *
 *   en  English      built-in                              dates · labels 134/134 · countries 3
 *   ja  日本語        i18n/ja.yaml                          labels 3/134 (131 printed in English)
 */
export async function languagesCommand(
  dir: string | undefined,
  options: LanguagesOptions,
  ui: Ui,
): Promise<number> {
  let packs: LanguagePacks;
  let printed: readonly string[] = [];
  if (dir === undefined) packs = combinePacks(builtinPacks(), []);
  else if (existsSync(path.join(dir, EVENT_FILE))) {
    // An event folder: its packs, and which languages it prints (event.yaml's languages).
    const loaded = await loadEventFolder(dir, { glyphs: false });
    packs = loaded.packs;
    printed = loaded.config.languages;
  } else {
    // A folder of packs without an event (yet): its i18n/ only.
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new UserError(
        `${dir} is not a folder`,
        "Pass an event folder (or a folder holding i18n/<lang>.yaml).",
      );
    packs = loadLanguagePacks(confine(dir));
  }
  const errors = packs.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new DataInvalid(errors, "a language pack of the event is not valid");
  const english = packs.entries.find((e) => e.language === REFERENCE_LANGUAGE)!.pack;
  const rows = packs.entries.map((e) => coverageOf(e, english));
  if (options.format === "json") {
    ui.out(
      JSON.stringify({ packs: rows.map((r) => ({ ...r, printed: printed.includes(r.language) })) }, null, 2),
    );
    return 0;
  }
  for (const r of rows) ui.out(formatRow(r, printed.includes(r.language)));
  ui.log(NOT_YET);
  return 0;
}

function formatRow(r: PackCoverage, printed: boolean): string {
  const where =
    r.source === "built-in"
      ? "built-in"
      : r.source === "override"
        ? `built-in, changed by ${r.files.at(-1)}`
        : r.files[0]!;
  const english = r.labels.total - r.labels.translated;
  const covers = [
    r.dates ? "dates" : "dates in English",
    `labels ${r.labels.translated}/${r.labels.total}${english > 0 ? ` (${english} printed in English)` : ""}`,
    ...(r.countries > 0 ? [`countries ${r.countries}`] : []),
  ].join(" · ");
  // The name is the pack's own text, possibly the event's: no terminal escapes reach the screen.
  return `${r.language.padEnd(9)}${pad(safeLine(r.name), 12)} ${(where + (printed ? " (printed)" : "")).padEnd(44)} ${covers}`;
}

/** Hangul, kana, CJK ideographs and full-width forms take two columns of a terminal. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu;
const pad = (text: string, width: number) =>
  text + " ".repeat(Math.max(0, width - text.length - (text.match(WIDE)?.length ?? 0)));
