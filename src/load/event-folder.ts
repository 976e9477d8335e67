import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { DataInvalid, UserError } from "../errors.js";
import { type EventConfig, parseEventConfig } from "../schema/event.js";
import type { CheckInput, FileInput, TableKey } from "../validate/index.js";
import { loadCoverage } from "./fonts.js";

export const EVENT_FILE = "event.yaml";

export interface LoadedEvent {
  dir: string;
  config: EventConfig;
  input: CheckInput;
}

/**
 * Reads an event folder: event.yaml (validated; a broken one is a configuration error) and the
 * bytes of each CSV it names. Everything after this is pure.
 */
export async function loadEventFolder(dir: string, options: { glyphs?: boolean } = {}): Promise<LoadedEvent> {
  const abs = path.resolve(dir);
  const info = await stat(abs).catch(() => undefined);
  if (!info)
    throw new UserError(`the event folder ${dir} does not exist`, `Create it with: conclave init ${dir}`);
  if (!info.isDirectory())
    throw new UserError(`${dir} is not a folder`, "Pass the folder that holds event.yaml and the CSV files.");
  const eventPath = path.join(abs, EVENT_FILE);
  const eventText = await readFile(eventPath, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") {
      throw new UserError(
        `there is no ${EVENT_FILE} in ${dir}`,
        `Run \`conclave init ${dir}\` to create an event folder (add --example for a complete example).`,
      );
    }
    throw e;
  });
  const parsed = parseEventConfig(eventText, EVENT_FILE);
  if (!parsed.ok) throw new DataInvalid(parsed.diagnostics, `${EVENT_FILE} is not valid`);
  const config = parsed.config;

  const files = {} as Record<TableKey, FileInput>;
  for (const key of ["delegates", "venues", "sessions"] as const) {
    const name = config.files[key];
    const file = path.resolve(abs, name);
    const bytes = await readFile(file).then(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      (e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT" || e.code === "EISDIR") return null;
        throw new UserError(`cannot read ${name}: ${e.message}`);
      },
    );
    files[key] = { name, bytes };
  }
  // seating.csv is optional: absent is fine, unreadable is not.
  const seatingName = config.files.seating;
  const seatingBytes = await readFile(path.resolve(abs, seatingName)).then(
    (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      throw new UserError(`cannot read ${seatingName}: ${e.message}`);
    },
  );
  const input: CheckInput = {
    config,
    files: { ...files, ...(seatingBytes ? { seating: { name: seatingName, bytes: seatingBytes } } : {}) },
  };
  if (options.glyphs !== false) input.coverage = await loadCoverage(abs, config.fonts);
  return { dir: abs, config, input };
}
