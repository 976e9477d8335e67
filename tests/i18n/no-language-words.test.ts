import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue #20's acceptance: the code spells no language's words and has no `lang === "ko"` branch;
 * the packs (templates/i18n/*.yaml) hold them. This reads every source file of src/ with its
 * comments taken out (a comment may show an example of what a function prints) and looks for
 * Hangul, Chinese characters, full-width punctuation, Cyrillic and the letters only Vietnamese
 * writes (ă đ ơ ư, ạ…ỹ), and for a comparison of a language variable with a literal tag.
 */

const SCRIPT =
  /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF\u3400-\u4DBF\u4E00-\u9FFF\u3000-\u303F\uFF01-\uFF5E\u0400-\u04FF\u1EA0-\u1EF9\u0102\u0103\u0110\u0111\u01A0\u01A1\u01AF\u01B0]/u;
const BRANCH =
  /\b(lang|language|lang2)\s*[!=]==?\s*["'`]|["'`][a-z]{2}(-[A-Za-z]+)?["'`]\s*[!=]==?\s*(lang|language)\b/;

/**
 * Files allowed to hold such characters, and why. Character tables are knowledge of a script,
 * not words of a language: the letters that tell an encoding apart, the fold of Đ to D for a
 * Latin file name, the initial consonants a Korean list is grouped by (and the sample glyphs that
 * warm the font cache). No words of a language are left in src/: they are the packs' now
 * (docs/languages.md, "Not in packs yet"), and a new one goes there, not on this list. Each entry
 * must still be needed.
 */
const ALLOWED: Record<string, string> = {
  "src/csv/decode.ts": "the Vietnamese letters that tell UTF-8 from a legacy encoding",
  "src/validate/mojibake.ts": "the bytes Vietnamese letters become in a wrong encoding",
  "src/validate/vietnamese.ts": "the syllable structure that recognises VNI/TCVN3 text",
  "src/model/names.ts": "Đ folded to D in a Latin form of a name",
  "src/materials/agenda/schedule.ts": "Đ folded to D in a file name",
  "src/materials/agenda/plan.ts": "đ folded to d for sorting speakers",
  "src/materials/seating/plan.ts":
    "Hangul initial consonants and Đ, for the groups of a find-your-table list",
  "src/render/typst.ts": "sample glyphs that warm the compiler's font cache",
};

function* sources(dir: string, ext = ".ts"): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p, ext);
    else if (e.name.endsWith(ext)) yield p;
  }
}

/** The file's lines of code, comments blanked (line numbers kept); Typst comments as TypeScript's. */
function codeLines(text: string): string[] {
  let inBlock = false;
  return text.split("\n").map((line) => {
    let code = line;
    if (inBlock) {
      const end = code.indexOf("*/");
      if (end < 0) return "";
      code = code.slice(end + 2);
      inBlock = false;
    }
    code = code.replace(/\/\*.*?\*\//g, "");
    const open = code.indexOf("/*");
    if (open >= 0) {
      code = code.slice(0, open);
      inBlock = true;
    }
    return code.replace(/(^|\s)\/\/.*$/, "");
  });
}

const found = new Map<string, string[]>();
for (const file of sources("src")) {
  const rel = file.split(path.sep).join("/");
  const hits = codeLines(readFileSync(file, "utf8"))
    .map((code, i) => ({ code, i }))
    .filter(({ code }) => SCRIPT.test(code) || BRANCH.test(code))
    .map(({ code, i }) => `${rel}:${i + 1}: ${code.trim()}`);
  if (hits.length > 0) found.set(rel, hits);
}

describe("the code of src/", () => {
  it("spells no Korean, Vietnamese, Chinese or Mongolian words and has no branch on a language tag", () => {
    const outside = [...found].filter(([file]) => !(file in ALLOWED)).flatMap(([, hits]) => hits);
    expect(outside).toEqual([]);
  });

  it("has no language branch even in the files allowed their characters", () => {
    const branches = [...found.values()].flat().filter((hit) => BRANCH.test(hit.replace(/^[^:]+:\d+: /, "")));
    expect(branches).toEqual([]);
  });

  it("allows only files that still need it", () => {
    const stale = Object.keys(ALLOWED).filter((file) => !found.has(file));
    expect(stale).toEqual([]);
  });

  it("finds what it looks for (a check that cannot fail proves nothing)", () => {
    const probe = codeLines(
      ['const a = "감사합니다.";', "// 此致 in a comment", 'if (lang === "vi") x();'].join("\n"),
    );
    expect(probe.map((l) => SCRIPT.test(l) || BRANCH.test(l))).toEqual([true, false, true]);
  });
});

/**
 * The Typst templates (templates/, outside the packs of templates/i18n/), which print what the
 * packs and conclave's data give them. A language branch there is `lang == "ko"`, `lang in
 * ("ko", "vi")` or a list of language tags.
 */
const TYPST_BRANCH =
  /\b(lang|language|lang2)\s*(==|!=|in)\s*["(]|["'][a-z]{2}(-[A-Za-z]+)?["']\s*(==|!=)\s*[\w.]*lang\b|\(\s*"[a-z]{2}(-[A-Za-z]+)?"\s*,\s*"[a-z]{2}(-[A-Za-z]+)?"/;

/**
 * Template files allowed a language's characters, and why. A pattern stands for a family of
 * files; each entry must still match a file that needs it.
 */
const TEMPLATE_WORDS: [RegExp, string][] = [
  [
    /^templates\/letters\/(invitation|visa)\.[A-Za-z-]+\.typ$/,
    "not yet in packs: a letter's sentences, one ejectable module per language (docs/languages.md)",
  ],
];

/** Template files allowed a language branch, and why: rules of line breaking, not words. */
const TEMPLATE_BRANCHES: [RegExp, string][] = [
  [/^templates\/lib\/theme\.typ$/, "not yet in packs: Korean is set word by word (keep-hangul-in)"],
  [/^templates\/lib\/letter\.typ$/, "not yet in packs: which languages Typst hyphenates"],
];

const words = new Map<string, string[]>();
const branches = new Map<string, string[]>();
for (const file of sources("templates", ".typ")) {
  const rel = file.split(path.sep).join("/");
  if (rel.startsWith("templates/i18n/")) continue;
  const lines = codeLines(readFileSync(file, "utf8")).map((code, i) => ({ code, i }));
  const at = (hits: { code: string; i: number }[]) =>
    hits.map(({ code, i }) => `${rel}:${i + 1}: ${code.trim()}`);
  const w = at(lines.filter(({ code }) => SCRIPT.test(code)));
  const b = at(lines.filter(({ code }) => TYPST_BRANCH.test(code)));
  if (w.length > 0) words.set(rel, w);
  if (b.length > 0) branches.set(rel, b);
}

const allowedBy = (allowed: [RegExp, string][], file: string) => allowed.some(([re]) => re.test(file));

describe("the Typst templates (templates/, outside templates/i18n/)", () => {
  it("spell no Korean, Vietnamese, Chinese or Mongolian words beyond the files allowed them", () => {
    const outside = [...words]
      .filter(([file]) => !allowedBy(TEMPLATE_WORDS, file))
      .flatMap(([, hits]) => hits);
    expect(outside).toEqual([]);
  });

  it("have no branch on a language tag beyond the files allowed one", () => {
    const outside = [...branches]
      .filter(([file]) => !allowedBy(TEMPLATE_BRANCHES, file))
      .flatMap(([, h]) => h);
    expect(outside).toEqual([]);
  });

  it("allow only files that still need it", () => {
    const stale = [
      ...TEMPLATE_WORDS.filter(([re]) => ![...words.keys()].some((f) => re.test(f))),
      ...TEMPLATE_BRANCHES.filter(([re]) => ![...branches.keys()].some((f) => re.test(f))),
    ].map(([re, why]) => `${re.source}: ${why}`);
    expect(stale).toEqual([]);
  });

  it("find what they look for", () => {
    const probe = codeLines(
      [
        '#let closing = "Trân trọng./."',
        "// 此致 敬礼 in a comment",
        '#if data.lang != "ko" [ ]',
        '#show: if d.lang in ("ko", "vi") { x }',
        '#let languages = ("en", "ko", "vi")',
        "#let colon = w.colon",
      ].join("\n"),
    );
    expect(probe.map((l) => SCRIPT.test(l) || TYPST_BRANCH.test(l))).toEqual([
      true,
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});
