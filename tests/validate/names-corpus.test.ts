import { describe, expect, it } from "vitest";
import { loadCoverage } from "../../src/load/fonts.js";
import { checkEvent } from "../../src/validate/index.js";
import { root } from "../helpers/cli.js";
import { delegate, makeInput } from "../helpers/make.js";
import { type CorpusName, NAMES_CORPUS } from "./names-corpus.js";

const row = (n: CorpusName, i: number, country = n.country) =>
  delegate(`C-${String(i + 1).padStart(3, "0")}`, {
    given_name: n.given_name,
    family_name: n.family_name,
    native_name: n.native_name ?? "",
    organisation: n.organisation,
    country,
  });
// In-memory events are English only; a missing translation is not about names.
const aboutNames = (d: { code: string }) => d.code !== "missing-translation";

describe("the names corpus", () => {
  it("covers at least 30 languages", () => {
    expect(new Set(NAMES_CORPUS.map((n) => n.language.split(" ")[0])).size).toBeGreaterThanOrEqual(30);
  });

  it("gives no error and no warning for any name, whatever the delegate's country", () => {
    const delegates = NAMES_CORPUS.flatMap((n, i) => [row(n, i), row(n, i + 100, "VN")]);
    const r = checkEvent(makeInput({ delegates }));
    const found = r.diagnostics
      .filter(aboutNames)
      .map((d) => `${d.severity} ${d.code} line ${d.line}: ${d.message}`);
    expect(found).toEqual([]);
    expect(r.event?.delegates).toHaveLength(NAMES_CORPUS.length * 2);
  });

  it("still calls real VNI, TCVN3 and re-saved mojibake errors", () => {
    const cases = [
      ["VNI", { native_name: "Nguyeãn Vaên Minh", country: "KR" }, "legacy-vietnamese-encoding"],
      ["VNI", { native_name: "Vaên Hoaøng" }, "legacy-vietnamese-encoding"],
      ["VNI", { native_name: "Nguyeãn", country: "VN" }, "legacy-vietnamese-encoding"],
      [
        "VNI",
        { organisation: "Coâng ty Thöông maïi Ñoàng Thaùp", country: "VN" },
        "legacy-vietnamese-encoding",
      ],
      ["TCVN3", { native_name: "NguyÔn V¨n B×nh" }, "legacy-vietnamese-encoding"],
      ["TCVN3", { organisation: "C«ng ty §µ N½ng" }, "legacy-vietnamese-encoding"],
      ["mojibake", { native_name: "Nguyá»…n Văn An" }, "mojibake"],
      ["mojibake", { given_name: "ZoÃ«", family_name: "Ã…ngstrÃ¶m-Åukasz" }, "mojibake"],
    ] as const;
    const r = checkEvent(
      makeInput({ delegates: cases.map(([, extra], i) => delegate(`X-${i}`, { ...extra })) }),
    );
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.line, d.code])).toEqual(cases.map(([, , code], i) => [i + 2, code]));
    expect(errors[0]!.message).toContain('"Nguyễn Văn Minh"');
    expect(errors[4]!.message).toContain("TCVN3");
    expect(errors[4]!.message).toContain('"Nguyễn Văn Bình"');
    expect(errors[6]!.message).toContain('(it was "Nguyễn Văn An")');
    expect(errors[6]!.hint).toContain("CSV UTF-8");
    expect(errors[6]!.message).not.toContain("TCVN3");
  });

  it("says which scripts the bundled font cannot print (those need a fonts: entry)", async () => {
    const coverage = await loadCoverage(root, []);
    const delegates = NAMES_CORPUS.map((n, i) => row(n, i));
    const r = checkEvent({ ...makeInput({ delegates }), coverage });
    const missing = r.diagnostics.filter((d) => d.code === "missing-glyph");
    const scripts = new Set(
      missing.map((d) => NAMES_CORPUS[d.line - 2]!.script ?? NAMES_CORPUS[d.line - 2]!.language),
    );
    expect([...scripts].sort()).toEqual([
      "Arabic",
      "Devanagari",
      "Han",
      "Japanese",
      "Lao",
      "Sinhala",
      "Thai",
    ]);
    expect(missing.every((d) => d.severity === "error" && d.field === "native_name")).toBe(true);
  });
});
