import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { builtinTemplatesDir } from "../paths.js";
import type { Language } from "../schema/fields.js";
import { parsePack } from "./parse.js";
import { resolvePack } from "./resolve.js";
import { type Pack, packSchemas } from "./schema.js";

/** Where conclave's own packs are, and how a message names one. */
export const builtinPacksDir = path.join(builtinTemplatesDir, "i18n");

/** The language whose pack holds every key: what the others fall back to, and are counted against. */
export const REFERENCE_LANGUAGE = "en";
export const builtinPackFile = (lang: string) => `templates/i18n/${lang}.yaml`;

let cache: ReadonlyMap<string, Pack> | undefined;

/**
 * The packs as `npm run build` compiled them (dist/i18n/builtin-packs.json, written by
 * compile-packs.ts): parsing three YAML files and checking them cost every command some 25 ms at
 * start-up. Used only when it was compiled from the YAML files as they are now (their hash), so
 * an edited pack is never shadowed by a stale copy; otherwise the YAML files are read.
 */
export const compiledPacksFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "builtin-packs.json",
);

/** The hash of the built-in packs' YAML files, names and contents. */
export function packSourcesHash(): string {
  const h = createHash("sha256");
  for (const name of readdirSync(builtinPacksDir).sort())
    if (name.endsWith(".yaml")) h.update(`${name}\n`).update(readFileSync(path.join(builtinPacksDir, name)));
  return h.digest("hex");
}

function compiledPacks(): ReadonlyMap<string, Pack> | undefined {
  let text: string;
  try {
    text = readFileSync(compiledPacksFile, "utf8");
  } catch {
    return undefined;
  }
  try {
    const compiled = JSON.parse(text) as { sources: string; packs: [string, Pack][] };
    return compiled.sources === packSourcesHash() ? new Map(compiled.packs) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * conclave's own language packs (templates/i18n/*.yaml), read once on first use. They are part of
 * the installed program like its templates, not user data: a broken one is a bug in conclave, so
 * it throws (an internal error) instead of returning diagnostics. English must be complete; the
 * others are completed from it.
 */
export function builtinPacks(): ReadonlyMap<string, Pack> {
  if (cache) return cache;
  const compiled = compiledPacks();
  if (compiled) {
    cache = compiled;
    return compiled;
  }
  cache = readBuiltinPacks();
  return cache;
}

/** The built-in packs read from their YAML files, checked and completed from English. */
export function readBuiltinPacks(): ReadonlyMap<string, Pack> {
  const read = (name: string) => {
    const file = builtinPackFile(path.basename(name, ".yaml"));
    const parsed = parsePack(readFileSync(path.join(builtinPacksDir, name), "utf8"), file);
    if (!parsed.ok) {
      const d = parsed.diagnostics[0]!;
      throw new Error(`built-in language pack ${d.file}:${d.line}:${d.column}: ${d.message}`);
    }
    return parsed.pack;
  };
  const english = packSchemas().pack.parse(read("en.yaml"));
  const packs = new Map<string, Pack>([["en", english]]);
  for (const name of readdirSync(builtinPacksDir).sort()) {
    if (!name.endsWith(".yaml") || name === "en.yaml") continue;
    const written = read(name);
    const resolved = resolvePack(written, english, {
      file: builtinPackFile(written.language),
      baseIsEnglish: true,
    });
    packs.set(written.language, resolved.pack);
  }
  return packs;
}

/** The built-in pack of one of the languages an event can be printed in. */
export function builtinPack(lang: Language): Pack {
  const pack = builtinPacks().get(lang);
  if (!pack) throw new Error(`there is no built-in language pack for ${lang} (templates/i18n/${lang}.yaml)`);
  return pack;
}
