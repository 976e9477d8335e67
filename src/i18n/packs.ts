import type { Diagnostic } from "../diagnostics.js";
import { builtinPackFile } from "./builtin.js";
import { parsePack } from "./parse.js";
import { resolvePack } from "./resolve.js";
import type { Pack } from "./schema.js";

/** Where a pack comes from: conclave's own, the event's own, or conclave's with the event's changes. */
export type PackSource = "built-in" | "event" | "override";

export interface PackEntry {
  language: string;
  pack: Pack;
  source: PackSource;
  /** The file(s) it was read from, as the user knows them. */
  files: string[];
  /** Dotted keys printed in English because the pack lacks them. */
  missing: string[];
}

export interface LanguagePacks {
  /** Every pack, built-in ones first, each language once, sorted by language. */
  entries: PackEntry[];
  /** `language-pack` errors of the event's files, `missing-translation` warnings of its new packs. */
  diagnostics: Diagnostic[];
  /** The event's pack files as read (for the build's fingerprint of its inputs). */
  files: readonly PackFile[];
}

/** A pack file of an event folder: its name (`i18n/ja.yaml`) and text. */
export interface PackFile {
  file: string;
  text: string;
}

/**
 * conclave's packs and an event's own (`i18n/<lang>.yaml`), combined: an event file for a
 * language conclave has changes that pack's words (the rest stay); one for another language adds
 * a pack, completed from English with a warning per missing key. A file with errors is left out
 * and reported. Pure.
 */
export function combinePacks(builtins: ReadonlyMap<string, Pack>, files: readonly PackFile[]): LanguagePacks {
  const english = builtins.get("en");
  if (!english) throw new Error("the built-in English pack is missing (templates/i18n/en.yaml)");
  const entries = new Map<string, PackEntry>(
    [...builtins].map(([language, pack]) => [
      language,
      { language, pack, source: "built-in", files: [builtinPackFile(language)], missing: [] },
    ]),
  );
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of files) {
    const expected = file.replace(/^.*\//, "").replace(/\.yaml$/, "");
    const parsed = parsePack(text, file, expected);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    const base = entries.get(parsed.pack.language);
    const resolved = resolvePack(parsed.pack, base?.pack ?? english, { file, baseIsEnglish: !base });
    diagnostics.push(...resolved.diagnostics);
    entries.set(parsed.pack.language, {
      language: parsed.pack.language,
      pack: resolved.pack,
      source: base ? "override" : "event",
      files: [...(base?.files ?? []), file],
      missing: resolved.missing,
    });
  }
  const order = (e: PackEntry) => (e.source === "event" ? 1 : 0);
  return {
    entries: [...entries.values()].sort(
      (a, b) => order(a) - order(b) || a.language.localeCompare(b.language),
    ),
    diagnostics,
    files,
  };
}
