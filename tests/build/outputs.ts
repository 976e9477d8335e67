import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { expect } from "vitest";
import { parseCsv } from "../../src/csv/parse.js";
import { root } from "../helpers/cli.js";

export interface Listed {
  path: string;
  sha256: string;
  size: number;
  material: string;
}

/** out/manifest.json's files, after checking each file on disk has the hash the manifest says. */
export function trueManifest(out: string): Listed[] {
  const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: Listed[] };
  for (const f of manifest.files) {
    const bytes = readFileSync(path.join(out, f.path));
    expect(createHash("sha256").update(bytes).digest("hex"), f.path).toBe(f.sha256);
  }
  return manifest.files;
}

/** A copy of the example event to edit. */
export async function copyExample(dir: string): Promise<string> {
  await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
  return dir;
}

/** A CSV of an event folder as a grid: header row first. */
export type Grid = string[][];

/** Edits one CSV of an event folder as a grid (read with conclave's parser, written back). */
export async function editCsv(dir: string, file: string, edit: (grid: Grid) => Grid): Promise<void> {
  const full = path.join(dir, file);
  const text = (await readFile(full, "utf8")).replace(/^\ufeff/, "");
  const grid = parseCsv(text, ",")
    .records.map((r) => [...r.cells])
    .filter((r) => r.join("") !== "");
  // Written as they were read (not formula-safe: a phone number keeps its +).
  await writeFile(full, stringify(edit(grid)));
}

/** Sets column `column` (by header name) of the row whose id is `id`. */
export function setCell(grid: Grid, id: string, column: string, value: string): Grid {
  const c = grid[0]!.indexOf(column);
  return grid.map((row, i) => (i > 0 && row[0] === id ? row.map((v, j) => (j === c ? value : v)) : row));
}

/** Every file under a folder, relative with forward slashes, hidden ones included. */
export async function everything(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true });
  return all
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}
