import { readdirSync } from "node:fs";
import { UserError } from "../errors.js";
import { builtinPacks } from "../i18n/builtin.js";
import { combinePacks, type LanguagePacks, type PackFile } from "../i18n/packs.js";
import { type Confinement, readConfined, resolveConfined } from "./confine.js";

/** The folder of an event that holds its language packs (docs/languages.md). */
export const EVENT_PACKS_DIR = "i18n";

/**
 * The event's own language packs, `i18n/<lang>.yaml`, each read through the one confined reader
 * (inside the event folder once links are resolved, a regular file, within the settings' size
 * limit); none when the folder has no i18n/. Files not ending in .yaml are not packs.
 */
export function readEventPacks(c: Confinement): PackFile[] {
  const dir = resolveConfined(c, EVENT_PACKS_DIR, `${EVENT_PACKS_DIR}/`);
  if (dir === undefined) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".yaml"));
  } catch (e) {
    throw new UserError(
      `${EVENT_PACKS_DIR} in the event folder cannot be read as a folder of language packs (${(e as NodeJS.ErrnoException).code})`,
      `Make ${EVENT_PACKS_DIR}/ a folder holding <lang>.yaml files (docs/languages.md), or remove it.`,
    );
  }
  return names.sort().flatMap((name) => {
    const file = `${EVENT_PACKS_DIR}/${name}`;
    const bytes = readConfined(c, file, "settings", file);
    return bytes ? [{ file, text: new TextDecoder().decode(bytes) }] : [];
  });
}

/** conclave's language packs with the event's own (src/i18n/packs.ts). */
export function loadLanguagePacks(c: Confinement): LanguagePacks {
  return combinePacks(builtinPacks(), readEventPacks(c));
}
