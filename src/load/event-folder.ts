import { lstatSync, readdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { discardCsvThread, prepareCsvThread } from "../csv/pipeline.js";
import { DataInvalid, UserError } from "../errors.js";
import type { LanguagePacks } from "../i18n/packs.js";
import { DEFAULT_FILES, type EventConfig, parseEventConfig } from "../schema/event.js";
import { LANGUAGES } from "../schema/fields.js";
import type { CheckInput, FileInput, TableKey } from "../validate/index.js";
import { type Confinement, confine, readConfined } from "./confine.js";
import { fontSetsOf, loadCoverage } from "./fonts.js";
import { EVENT_PACKS_DIR, loadLanguagePacks } from "./packs.js";

export const EVENT_FILE = "event.yaml";

export interface LoadedEvent {
  dir: string;
  config: EventConfig;
  /** event.yaml as read: what `conclave diff` compares against after a build (src/diff/snapshot.ts). */
  eventYaml: Uint8Array;
  input: CheckInput;
  /** Where this event may read from: every later read (logos, fonts, templates) goes through it. */
  confinement: Confinement;
  /** conclave's language packs and the event's own (i18n/<lang>.yaml). */
  packs: LanguagePacks;
}

export interface LoadOptions {
  glyphs?: boolean;
  /** `--allow-outside` paths (relative to the working directory): shared logos and fonts. */
  allowOutside?: readonly string[];
  /**
   * The caller checks the event next (`checkEvent`): start the thread that reads a large
   * delegates file now, so that it has loaded by the time the check reaches the file.
   */
  readAhead?: boolean;
}

/**
 * Reads an event folder: event.yaml (validated; a broken one is a configuration error) and the
 * bytes of each CSV it names, each a regular file inside the event folder (README "Safety").
 * Everything after this is pure.
 */
export async function loadEventFolder(dir: string, options: LoadOptions = {}): Promise<LoadedEvent> {
  const abs = path.resolve(dir);
  const info = await stat(abs).catch(() => undefined);
  if (!info)
    throw new UserError(`the event folder ${dir} does not exist`, `Create it with: conclave init ${dir}`);
  if (!info.isDirectory())
    throw new UserError(`${dir} is not a folder`, "Pass the folder that holds event.yaml and the CSV files.");
  // Starting the reading thread takes 50 to 90 ms, which would otherwise be spent waiting for its
  // first records: it starts before event.yaml is parsed, sized by the delegates file of the
  // default name (a file named otherwise in event.yaml is read with a thread started later).
  // Only a size is read here, of a regular file: what is read comes later, through confinement.
  if (options.readAhead) prepareCsvThread(regularFileSize(path.join(abs, DEFAULT_FILES.delegates)));
  try {
    return await loadEventFolderNow(abs, dir, options);
  } catch (e) {
    discardCsvThread();
    throw e;
  }
}

function regularFileSize(file: string): number {
  try {
    const info = lstatSync(file);
    return info.isFile() ? info.size : 0;
  } catch {
    return 0;
  }
}

async function loadEventFolderNow(abs: string, dir: string, options: LoadOptions): Promise<LoadedEvent> {
  const bytes = readConfined(confine(abs), EVENT_FILE, "settings", EVENT_FILE);
  if (!bytes) {
    throw new UserError(
      `there is no ${EVENT_FILE} in ${dir}`,
      `Run \`conclave init ${dir}\` to create an event folder (add --example for a complete example).`,
    );
  }
  // event.yaml may name a language whose pack is the event's own (i18n/<tag>.yaml).
  const parsed = parseEventConfig(new TextDecoder().decode(bytes), EVENT_FILE, [
    ...LANGUAGES,
    ...eventPackLanguages(abs),
  ]);
  if (!parsed.ok) throw new DataInvalid(parsed.diagnostics, `${EVENT_FILE} is not valid`);
  const config = parsed.config;
  const confinement = confine(abs, options.allowOutside, config.allow_outside);

  // A missing CSV is a diagnostic of the check (seating.csv is optional); one that cannot be
  // read, is outside the event folder, is not a file or is too large stops here.
  const read = (key: TableKey | "seating"): FileInput => {
    const name = config.files[key];
    const label = name === DEFAULT_FILES[key] ? name : `files.${key}: ${name}`;
    return { name, bytes: readConfined(confinement, name, "csv", label) ?? null };
  };
  const files = {} as Record<TableKey, FileInput>;
  for (const key of ["delegates", "venues", "sessions"] as const) files[key] = read(key);
  const seating = read("seating");
  const input: CheckInput = {
    config,
    files: { ...files, ...(seating.bytes ? { seating } : {}) },
  };
  // The logos, for the logo-contrast check (an unreadable one is the materials' to report).
  const logos: NonNullable<CheckInput["logos"]> = {};
  for (const key of ["logo", "logo_on_white"] as const) {
    const name = config.branding[key];
    const logo = name ? readConfined(confinement, name, "image", `branding.${key}: ${name}`) : undefined;
    if (logo) logos[key] = logo;
  }
  input.logos = logos;
  const packs = loadLanguagePacks(confinement);
  input.packs = packs;
  // The fonts of the languages the event prints (zh-Hans: Noto Sans SC), and only those.
  if (options.glyphs !== false)
    input.coverage = await loadCoverage(confinement, config.fonts, fontSetsOf(config.languages, packs));
  return { dir: abs, config, eventYaml: bytes, input, confinement, packs };
}

/** The languages of the event folder's own packs, by their file names (read and checked later). */
function eventPackLanguages(dir: string): string[] {
  try {
    return readdirSync(path.join(dir, EVENT_PACKS_DIR))
      .filter((n) => n.endsWith(".yaml"))
      .map((n) => n.slice(0, -".yaml".length))
      .filter((l) => !LANGUAGES.includes(l));
  } catch {
    return [];
  }
}
