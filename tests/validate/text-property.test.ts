import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { isVietnameseSyllable, readTcvn3, readVni } from "../../src/validate/vietnamese.js";
import { delegate, makeInput } from "../helpers/make.js";

// Letters of the Basic Multilingual Plane: every script above but a few rare Han. Runs and seed are fixed so CI is reproducible; FC_SEED/FC_RUNS widen a local hunt.
const seed = Number(process.env.FC_SEED ?? 20231123);
const numRuns = Number(process.env.FC_RUNS ?? 40);

const SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Devanagari",
  "Bengali",
  "Tamil",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Khmer",
  "Mongolian",
  "Ethiopic",
  "Cherokee",
  "Hangul",
  "Han",
  "Hiragana",
  "Katakana",
  "Yi",
  "Vai",
  "Canadian_Aboriginal",
] as const;

/** The letters of a script and the combining marks it uses (its own and the inherited ones). */
function repertoire(script: string): { letters: string[]; marks: string[] } {
  const letter = new RegExp(`^(?=\\p{Script=${script}})\\p{L}$`, "u");
  const mark = new RegExp(`^(?=\\p{Script_Extensions=${script}}|\\p{Script=Inherited})\\p{M}$`, "u");
  const letters: string[] = [];
  const marks: string[] = [];
  for (let cp = 0x41; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (letter.test(ch)) letters.push(ch);
    else if (mark.test(ch)) marks.push(ch);
  }
  return { letters, marks };
}

/** Names of 1–4 words, each a letter followed by letters and marks, in NFC as the reader makes them. */
function names(script: string): fc.Arbitrary<string> {
  const { letters, marks } = repertoire(script);
  const letter = fc.constantFrom(...letters);
  const piece = fc.oneof(
    { weight: 4, arbitrary: letter },
    { weight: 1, arbitrary: fc.constantFrom(...marks) },
  );
  const word = fc
    .tuple(letter, fc.array(piece, { maxLength: 10 }))
    .map(([first, rest]) => first + rest.join(""));
  return fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(" ").normalize("NFC"));
}

/**
 * The one exception, and only in Latin: VNI and TCVN3 text is itself made of Latin-1 letters
 * ("Nguyeãn Vaên", "Lª Thµnh"), and must stay an error. So an error is allowed only on a value
 * whose every word is a Vietnamese syllable as typed or read as VNI or TCVN3.
 */
const readsAsLegacyVietnamese = (value: string) =>
  [readVni, readTcvn3].some((read) =>
    value.split(" ").every((w) => isVietnameseSyllable(w) || isVietnameseSyllable(read(w)?.text ?? "")),
  );

describe("text heuristics never call a name of one script an error", () => {
  it.each(SCRIPTS)("%s letters with their combining marks", (script) => {
    const name = names(script);
    // Each run is one event of up to 20 delegates, so every run reads a whole file.
    const person = fc.record({ given: name, family: name, native: name, org: name, vn: fc.boolean() });
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 20 }), (people) => {
        const delegates = people.map((p, i) =>
          delegate(`P-${i}`, {
            given_name: p.given,
            family_name: p.family,
            native_name: p.native,
            organisation: p.org,
            country: p.vn ? "VN" : "SE",
          }),
        );
        const r = checkEvent(makeInput({ delegates }));
        const fields = {
          given_name: "given",
          family_name: "family",
          native_name: "native",
          organisation: "org",
        } as const;
        for (const d of r.diagnostics.filter((x) => x.severity === "error")) {
          const value = people[d.line - 2]?.[fields[d.field as keyof typeof fields]] ?? "";
          expect(
            d.code === "legacy-vietnamese-encoding" && readsAsLegacyVietnamese(value),
            `${d.code}: ${d.message}`,
          ).toBe(true);
        }
      }),
      { seed, numRuns },
    );
  });
});
