import { readdir } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors.js";
import { builtinTemplatesDir } from "../../paths.js";
import type { Ui } from "../ui.js";
import { ensureFolder, existingTarget, writeTarget } from "./init-write.js";

async function listTypst(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listTypst(path.join(dir, e.name), rel)));
    else if (e.name.endsWith(".typ")) out.push(rel);
  }
  return out;
}

/** `conclave templates list [dir]`: built-in templates, and which the event folder overrides. */
export async function templatesListCommand(dir: string, ui: Ui): Promise<number> {
  const builtin = await listTypst(builtinTemplatesDir);
  const own = new Set(await listTypst(path.join(dir, "templates")));
  if (builtin.length === 0 && own.size === 0) {
    ui.out("No templates.");
    return 0;
  }
  for (const t of builtin)
    ui.out(
      `${t.replace(/\.typ$/, "").padEnd(28)} ${own.has(t) ? `overridden by ${path.join(dir, "templates", t)}` : "built-in"}`,
    );
  for (const t of own)
    if (!builtin.includes(t))
      ui.out(`${t.replace(/\.typ$/, "").padEnd(28)} ${path.join(dir, "templates", t)} (event only)`);
  return 0;
}

/**
 * `conclave templates eject <name> [dir]`: copies a built-in template and the shared parts it
 * imports (templates/lib/) into `<dir>/templates/`, where it overrides the built-in one.
 */
export async function templatesEjectCommand(
  name: string,
  dir: string,
  options: { force: boolean },
  ui: Ui,
): Promise<number> {
  const builtin = await listTypst(builtinTemplatesDir);
  const wanted = name.replace(/\.typ$/, "");
  const file = builtin.find((t) => t.replace(/\.typ$/, "") === wanted);
  if (!file) {
    throw new UserError(
      `there is no built-in template "${name}"`,
      `Run \`conclave templates list\` to see them${builtin.length ? ` (${builtin.map((t) => t.replace(/\.typ$/, "")).join(", ")})` : ""}.`,
    );
  }
  const copies = [file, ...builtin.filter((t) => t.startsWith("lib/") && t !== file)];
  const targetDir = path.join(dir, "templates");
  // Links and non-files among the targets are refused even with --force (init-write.ts).
  await ensureFolder(targetDir, targetDir);
  const existing: string[] = [];
  for (const c of copies) {
    const shown = path.join(targetDir, c);
    await ensureFolder(path.dirname(path.join(targetDir, c)), path.dirname(shown));
    if ((await existingTarget(path.join(targetDir, c), shown)) === "file") existing.push(c);
  }
  if (existing.includes(file) && !options.force) {
    throw new UserError(
      `${path.join(targetDir, file)} already exists; nothing was copied`,
      "Pass --force to overwrite it with the built-in version.",
    );
  }
  for (const c of copies) {
    if (c !== file && existing.includes(c) && !options.force) continue; // keep the event's own shared parts
    const shown = path.join(targetDir, c);
    await writeTarget(
      path.join(targetDir, c),
      { copyFrom: path.join(builtinTemplatesDir, c) },
      existing.includes(c),
      shown,
    );
    ui.out(`Copied ${shown}`);
  }
  return 0;
}
