import { describe, expect, it } from "vitest";
import { check, delegate, session, venue } from "../helpers/make.js";

const warnings = (r: ReturnType<typeof check>) =>
  r.diagnostics.filter((d) => d.code === "missing-translation");

describe("missing-translation", () => {
  it("warns once per column, naming its rows, for every column a material prints", () => {
    const r = check({
      delegates: [
        // A speaker is printed in every language's programme; others only in their own language.
        delegate("SPK", {
          position: "Chief Executive Officer",
          position_ko: "대표이사",
          sessions: "S1;S2;S3",
        }),
        delegate("KO-1", { language: "ko", position: "Director", sessions: "S1" }),
        delegate("VI-1", { language: "vi", organisation_vi: "Namsan Robotics Việt Nam", sessions: "S1" }),
        delegate("EN-1", { language: "en", position: "Director", sessions: "S1" }),
      ],
      venues: [venue("HALL", { venue_ko: "한강컨벤션센터", room_ko: "A홀", room_vi: "Hội trường A" })],
      sessions: [
        session("S1", { title_ko: "개막", title_vi: "Khai mạc", speakers: "SPK", description: "Dress code" }),
        session("S2", { title_ko: "패널", title_vi: "Thảo luận", start: "10:00", end: "11:00" }),
        session("S3", { title_ko: "폐막", start: "11:00", end: "12:00", description: "Coaches at 8" }),
      ],
    });
    const byColumn = new Map(warnings(r).map((d) => [d.message.split(" ")[0], d]));
    expect([...byColumn.keys()].sort()).toEqual([
      "description_ko",
      "description_vi",
      "organisation_ko",
      "organisation_vi",
      "position_ko",
      "position_vi",
      "title_vi",
      "venue_vi",
    ]);
    const desc = byColumn.get("description_ko")!;
    expect(desc).toMatchObject({ file: "sessions.csv", line: 2, field: "description", severity: "warning" });
    expect(desc.message).toContain("in 2 rows (S1, S3)");
    expect(byColumn.get("title_vi")!).toMatchObject({ line: 4 });
    expect(byColumn.get("title_vi")!.message).toContain("1 row (S3)");
    // The speaker's organisation in both languages, KO-1's only in Korean; EN-1 needs none.
    expect(byColumn.get("organisation_ko")!.message).toContain("(SPK, KO-1)");
    expect(byColumn.get("organisation_vi")!.message).toContain("(SPK)");
    expect(byColumn.get("position_ko")!.message).toContain("(KO-1)");
    expect(byColumn.get("position_vi")!.message).toContain("(SPK)");
    expect(byColumn.get("venue_vi")!.hint).toMatch(/venue_vi in venues\.csv/);
  });

  it("lists the first rows and counts the rest", () => {
    const delegates = Array.from({ length: 12 }, (_, i) =>
      delegate(`D-${String(i + 1).padStart(2, "0")}`, { language: "vi", email: `d${i}@example.org` }),
    );
    const r = check({ delegates });
    const org = warnings(r).find((d) => d.message.startsWith("organisation_vi"))!;
    expect(org.message).toContain("in 12 rows (D-01, D-02, D-03, D-04, D-05, D-06, D-07, D-08 and 4 more)");
  });

  it("asks nothing of a delegate who reads the default language and speaks nowhere", () => {
    const r = check({
      delegates: [delegate("D-1", { language: "en", position: "Director", sessions: "S1" })],
      sessions: [session("S1")],
    });
    expect(warnings(r).filter((d) => d.file === "delegates.csv")).toEqual([]);
  });
});
