import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { root } from "./cli.js";

/**
 * A copy of the bundled example in a fresh temporary folder, without any out/ of its own, for
 * tests that edit its data between commands (reprints, rebuilds). `remove` deletes the copy.
 */
export async function copyOfExample(
  prefix: string,
): Promise<{ tmp: string; dir: string; remove: () => Promise<void> }> {
  const tmp = await mkdtemp(path.join(tmpdir(), prefix));
  const dir = path.join(tmp, "event");
  await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
  await rm(path.join(dir, "out"), { recursive: true, force: true });
  return { tmp, dir, remove: () => rm(tmp, { recursive: true, force: true }) };
}

/** Replaces one cell on the row of `id` in the copy's delegates.csv (the example's cells hold no commas there). */
export async function setDelegateCell(dir: string, id: string, from: string, to: string): Promise<void> {
  const file = path.join(dir, "delegates.csv");
  const lines = (await readFile(file, "utf8")).split("\n");
  const i = lines.findIndex((l) => l.startsWith(`${id},`));
  expect(lines[i]).toContain(`,${from},`);
  lines[i] = lines[i]!.replace(`,${from},`, `,${to},`);
  await writeFile(file, lines.join("\n"));
}

/** The data rows of a CSV conclave wrote (BOM and header dropped). */
export const csvRows = async (file: string): Promise<string[]> =>
  (await readFile(file, "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .slice(1);
