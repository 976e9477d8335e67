import { type Dirent, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { type Confinement, type ReadKind, readRegularFile, resolveConfined } from "./confine.js";

const IMAGE_FILE = /\.(svg|png|jpe?g|gif|webp|pdf)$/i;

/**
 * The event's own templates (`<event>/templates/**`) as bytes by path relative to that folder,
 * for the compiler's virtual files. Listed without following links: a file link must resolve
 * inside the event folder (or an allowed place) to a regular file; folder links, FIFOs, devices
 * and sockets are refused, so nothing outside is mapped in and nothing blocks the build.
 */
export function readEventTemplates(c: Confinement, folder = "templates"): Record<string, Uint8Array> {
  const top = resolveConfined(c, folder, `${folder}/`);
  if (!top) return {};
  if (!statSync(top).isDirectory())
    throw new UserError(
      `${folder} in the event folder is not a folder`,
      "Keep your templates in a templates/ folder.",
    );
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UserError(
        `${folder}/${prefix} cannot be listed: ${(e as Error).message}`,
        "Check its permissions.",
      );
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      const label = `${folder}/${rel}`;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(full, rel);
        continue;
      }
      let real = full;
      if (e.isSymbolicLink()) {
        const target = resolveConfined(c, full, label);
        if (!target)
          throw new UserError(`${label} is a link to nothing`, "Remove the broken link from templates/.");
        if (statSync(target).isDirectory())
          throw new UserError(
            `${label} is a link to a folder; conclave does not follow folder links in templates/`,
            "Copy the files into templates/ instead of linking the folder.",
          );
        real = target;
      }
      const kind: ReadKind = IMAGE_FILE.test(e.name) ? "image" : "template";
      files[rel] = readRegularFile(real, kind, label);
    }
  };
  walk(top, "");
  return files;
}

/** A Typst package spec in a string: `"@preview/cetz:0.2.2"`, `"@local/x:1.0.0"`, any `@namespace/`. */
const PACKAGE_SPEC = /"(@[A-Za-z0-9_-]+\/[^"\n]*)"/g;

export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Package imports in an event's template sources: conclave's Typst world has no packages (they
 * would be downloaded, or read from the user's data folder), so each is an error at its place.
 * Text after `//` on a line is a comment and is not looked at.
 */
export function findPackageImports(
  files: Readonly<Record<string, Uint8Array>>,
  folder: string,
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const [rel, bytes] of Object.entries(files)) {
    if (!rel.endsWith(".typ")) continue;
    const lines = new TextDecoder().decode(bytes).split("\n");
    for (const [i, text] of lines.entries()) {
      for (const m of text.matchAll(PACKAGE_SPEC)) {
        const before = text.slice(0, m.index);
        const comment = before.indexOf("//");
        if (comment >= 0 && (before.slice(0, comment).split('"').length - 1) % 2 === 0) continue;
        problems.push({
          file: path.join(folder, rel),
          line: i + 1,
          column: m.index + 1,
          message: `Typst packages are not available in conclave templates (${m[1]})`,
        });
      }
    }
  }
  return problems;
}

export const PACKAGE_HINT =
  "conclave never downloads or loads Typst packages: copy the code you need into your templates/ folder and import it by its path.";
