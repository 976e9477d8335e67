import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { check, delegate, makeInput, session } from "../helpers/make.js";

const vn = (id: string, extra: Record<string, string> = {}) =>
  delegate(id, {
    country: "VN",
    given_name: "Minh Tri",
    family_name: "Hoang",
    native_name: "Hoàng Minh Trí",
    ...extra,
  });

describe("name-ko-missing", () => {
  it("warns for a speaker whose name Korean readers will see in Latin letters only", () => {
    const r = check({
      delegates: [vn("VN-001"), vn("VN-002", { name_ko: "호앙 민 찌" }), vn("VN-003")],
      sessions: [session("S1", { speakers: "VN-001;VN-002" })],
    });
    const w = r.diagnostics.filter((d) => d.code === "name-ko-missing");
    // VN-003 neither speaks nor reads Korean: no Korean material names him.
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", file: "delegates.csv", line: 2, field: "name_ko" });
    expect(w[0]!.column).toBeGreaterThan(0);
    expect(w[0]!.message).toBe(
      'VN-001 has no name in Hangul: Korean materials print "Hoàng Minh Trí" in Latin letters only',
    );
    // The example is the Korean pack's (examples.transcription).
    expect(w[0]!.hint).toBe(
      "Add a name_ko column with the name as Korean writes it (e.g. 호앙 민 찌 for Hoàng Minh Trí), or a Hangul native_name.",
    );
  });

  it("says nothing when the event has no Korean materials", () => {
    const input = makeInput({ delegates: [vn("VN-001", { category: "vip" })] });
    const r = checkEvent({ ...input, config: { ...input.config, languages: ["en", "vi"] } });
    expect(r.diagnostics.map((d) => d.code)).not.toContain("name-ko-missing");
  });
});
