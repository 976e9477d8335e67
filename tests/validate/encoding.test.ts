import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { delegate, makeInput, toCsv } from "../helpers/make.js";

const guessed = (r: ReturnType<typeof checkEvent>) =>
  r.diagnostics.filter((d) => d.code === "encoding-guessed");
const delegatesIn1252 = (rows: Record<string, string>[]) => iconv.encode(toCsv(rows), "windows-1252");

describe("a delegates file saved by Western European Excel (Windows-1252)", () => {
  it("reads João Simões right and says which encoding it chose and how to force another", () => {
    const bytes = delegatesIn1252([
      delegate("PT-1", { given_name: "João", family_name: "Simões", country: "PT" }),
    ]);
    const r = checkEvent(makeInput({ raw: { delegates: bytes } }));
    expect(r.event?.delegates.map((d) => `${d.givenName} ${d.familyName}`)).toEqual(["João Simões"]);
    expect(r.encodings.delegates).toBe("windows-1252");
    const [w] = guessed(r);
    expect(w).toMatchObject({ severity: "warning", file: "delegates.csv" });
    expect(w!.message).toContain(
      "windows-1252 (Western European Excel's Windows-1252, detected from its bytes)",
    );
    expect(w!.hint).toContain("encodings.delegates");
    expect(w!.hint).toContain("windows-1258");
  });

  it("shows a word that reads differently when the bytes fit Windows-1258 as well", () => {
    const bytes = delegatesIn1252([
      delegate("EE-1", { given_name: "Tõnu", family_name: "Kask", country: "EE" }),
    ]);
    const [w] = guessed(checkEvent(makeInput({ raw: { delegates: bytes } })));
    expect(w!.message).toContain('the bytes fit windows-1258 as well, which would read "Tõnu" as "Tơnu"');
    expect(w!.hint).toContain("set encodings.delegates: windows-1258 in event.yaml");
  });

  it("takes windows-1252 or windows-1258 from encodings: in event.yaml", () => {
    const bytes = delegatesIn1252([
      delegate("EE-1", { given_name: "Tõnu", family_name: "Kask", country: "EE" }),
    ]);
    for (const [encoding, name] of [
      ["windows-1252", "Tõnu"],
      ["windows-1258", "Tơnu"],
    ] as const) {
      const r = checkEvent(
        makeInput({ raw: { delegates: bytes }, config: `encodings:\n  delegates: ${encoding}\n` }),
      );
      expect(r.encodings.delegates).toBe(encoding);
      expect(r.event?.delegates[0]?.givenName).toBe(name);
      expect(guessed(r)[0]!.message).toContain("as event.yaml says");
    }
  });
});
