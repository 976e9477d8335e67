import { LineCounter, parseDocument } from "yaml";
import { type Diagnostic, diag } from "../diagnostics.js";
import { positionOf } from "../schema/event.js";
import { closest } from "../util/suggest.js";
import { knownPackKeys, type Pack, packSchemas } from "./schema.js";

/** A pack as its file wrote it: any section or label may be missing (src/i18n/resolve.ts fills them). */
export type PartialPack = { language: string } & DeepPartial<Omit<Pack, "language">>;
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type PackParse = { ok: true; pack: PartialPack } | { ok: false; diagnostics: Diagnostic[] };

const HINT_DOCS = "See docs/languages.md for the keys of a language pack and their forms.";
/** A pack needs no anchors; a few are allowed, thousands (a "billion laughs") are refused. */
const MAX_ALIAS_COUNT = 100;

/**
 * The text of a language pack → the pack as written, or `language-pack` errors at the line and
 * column of the wrong key or value, with the keys that section knows as a hint. `file` is the
 * name the user knows (`i18n/ja.yaml`, or `templates/i18n/ko.yaml` for a built-in pack);
 * `expected`, the language its file name says, which its `language:` must be. Pure.
 */
export function parsePack(text: string, file: string, expected?: string): PackParse {
  const lc = new LineCounter();
  const error = (at: { line: number; column: number }, message: string, hint: string, field?: string) =>
    diag("language-pack", "error", { file, ...at, ...(field ? { field } : {}) }, message, hint);
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch {
    return {
      ok: false,
      diagnostics: [error({ line: 1, column: 1 }, `${file} cannot be read as YAML`, HINT_DOCS)],
    };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return error(
          { line: pos.line, column: pos.col },
          `YAML syntax: ${e.message.split("\n")[0]}`,
          "Check indentation and quoting; values with ':' or '#' need quotes.",
        );
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    return {
      ok: false,
      diagnostics: [
        error(
          { line: 1, column: 1 },
          `${file}: ${(e as Error).message}`,
          "Write the texts out instead of using YAML aliases.",
        ),
      ],
    };
  }
  const result = packSchemas().partial.safeParse(data);
  if (result.success) {
    const pack = result.data as PartialPack;
    // i18n/ja.yaml is the Japanese pack: a file named for one language holding another is a slip.
    if (expected !== undefined && pack.language !== expected) {
      return {
        ok: false,
        diagnostics: [
          error(
            positionOf(doc.get("language", true), lc) ?? { line: 1, column: 1 },
            `${file} holds the pack of "${pack.language}", not of "${expected}" as its name says`,
            `Rename the file to ${pack.language}.yaml, or set language: ${expected}.`,
            "language",
          ),
        ],
      };
    }
    return { ok: true, pack };
  }
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const known = knownPackKeys(path);
        const near = closest(key, known);
        const where = [...path, key].join(".");
        diagnostics.push(
          error(
            positionOf(doc.getIn(path, true), lc, key) ?? { line: 1, column: 1 },
            `unknown key "${where}" in the language pack`,
            `${near ? `Did you mean "${near}"? ` : ""}The keys of ${path.length > 0 ? path.join(".") : "a pack"} are: ${known.join(", ")}. ${HINT_DOCS}`,
            where,
          ),
        );
      }
      continue;
    }
    const where = path.length > 0 ? path.join(".") : "the pack";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    diagnostics.push(
      error(
        positionOf(doc.getIn(path, true), lc) ?? { line: 1, column: 1 },
        missing ? `the key "${where}" is required in a language pack` : `${where}: ${issue.message}`,
        missing ? `Add "${path.at(-1)}:" (e.g. language: ja). ${HINT_DOCS}` : HINT_DOCS,
        path.join("."),
      ),
    );
  }
  return { ok: false, diagnostics };
}
