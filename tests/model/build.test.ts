import { describe, expect, it } from "vitest";
import { latinName } from "../../src/model/names.js";
import { check, delegate, session, venue } from "../helpers/make.js";

function event(parts: Parameters<typeof check>[0]) {
  const r = check(parts);
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  return r.event;
}

describe("buildEvent", () => {
  it("resolves rooms, speakers and moderators, and sorts sessions by time", () => {
    const e = event({
      venues: [venue("HALL"), venue("LOTUS")],
      delegates: [
        delegate("KR-001"),
        delegate("VN-001", { country: "VN", given_name: "Van An", family_name: "Nguyen" }),
      ],
      sessions: [
        session("LATE", {
          start: "14:00",
          end: "15:00",
          room: "LOTUS",
          speakers: "KR-001;VN-001",
          moderator: "VN-001",
        }),
        session("EARLY", { start: "09:00", end: "10:00" }),
      ],
    });
    expect(e.sessions.map((s) => s.id)).toEqual(["EARLY", "LATE"]);
    const late = e.sessionById.get("LATE")!;
    expect(late.room.id).toBe("LOTUS");
    expect(late.speakers.map((d) => d.id)).toEqual(["KR-001", "VN-001"]);
    expect(late.moderator).toBe(e.delegateById.get("VN-001"));
  });

  it("computes attendees as the data format defines them", () => {
    const e = event({
      delegates: [
        delegate("A", { sessions: "REG" }),
        delegate("B"),
        delegate("C"),
        delegate("D", { sessions: "REG;ALL" }),
      ],
      sessions: [
        session("REG", { speakers: "B", moderator: "A" }),
        session("ALL", { audience: "all", start: "11:00", end: "12:00" }),
      ],
    });
    expect(e.sessionById.get("REG")!.attendeeIds).toEqual(["A", "D", "B"]);
    expect(e.sessionById.get("ALL")!.attendeeIds).toEqual(["A", "B", "C", "D"]);
  });

  it("defaults name order by country and language by the event", () => {
    const e = event({
      delegates: [
        delegate("KR", { country: "KR", given_name: "Min-jun", family_name: "Kim" }),
        delegate("VN", { country: "VN", given_name: "Van An", family_name: "Nguyen", language: "vi" }),
        delegate("GB", { country: "GB", given_name: "Oliver", family_name: "Grant" }),
        delegate("X", { country: "KR", name_order: "given-first", given_name: "Grace", family_name: "Lee" }),
      ],
    });
    const names = e.delegates.map((d) => [latinName(d), d.language]);
    expect(names).toEqual([
      ["Kim Min-jun", "en"],
      ["Nguyen Van An", "vi"],
      ["Oliver Grant", "en"],
      ["Grace Lee", "en"],
    ]);
    expect(latinName(e.delegates[0]!, true)).toBe("KIM Min-jun");
  });

  it("keeps translations per language, the base value counting as the default language", () => {
    const e = event({
      sessions: [session("S1", { title: "Opening", title_ko: "개막식", title_vi: "Khai mạc" })],
      delegates: [delegate("A", { position: "Chairman", position_vi: "Chủ tịch" })],
    });
    expect(e.sessions[0]!.title).toEqual({ en: "Opening", ko: "개막식", vi: "Khai mạc" });
    expect(e.delegates[0]!.position).toEqual({ en: "Chairman", vi: "Chủ tịch" });
  });

  it("keeps travel documents apart from everything printed", () => {
    const e = event({
      delegates: [
        delegate("A", { passport_number: "M12345678", nationality: "KR", date_of_birth: "1970-01-02" }),
      ],
    });
    const d = e.delegates[0]!;
    expect(d.travel).toMatchObject({
      passportNumber: "M12345678",
      nationality: "KR",
      dateOfBirth: "1970-01-02",
    });
    expect(Object.keys(d)).not.toContain("passportNumber");
  });
});

describe("the example event", () => {
  it("has the shape the issue describes", async () => {
    const { loadEventFolder } = await import("../../src/load/event-folder.js");
    const { checkEvent } = await import("../../src/validate/index.js");
    const loaded = await loadEventFolder("fixtures/cicon-2023");
    const r = checkEvent(loaded.input);
    expect(r.diagnostics).toEqual([]);
    const e = r.event!;
    const kr = e.delegates.filter((d) => d.country === "KR");
    const vn = e.delegates.filter((d) => d.country === "VN");
    expect(kr.length).toBeGreaterThanOrEqual(95);
    expect(vn.length).toBeGreaterThanOrEqual(35);
    expect(kr.every((d) => /^[\uac00-\ud7a3]+$/.test(d.nativeName ?? ""))).toBe(true);
    expect(vn.every((d) => d.nativeName?.normalize("NFC") === d.nativeName)).toBe(true);
    expect(
      vn.some((d) => /[ễệắằẩ]/.test(d.nativeName ?? "") || /Nguyễn|Trần|Đặng/.test(d.nativeName ?? "")),
    ).toBe(true);
    expect(new Set(e.sessions.map((s) => s.date))).toEqual(new Set(["2023-06-20", "2023-06-21"]));
    expect(new Set(e.sessions.filter((s) => s.type === "panel").map((s) => s.id)).size).toBe(3);
    const banquet = e.sessions.find((s) => s.type === "banquet")!;
    expect(banquet.seating).toBe("assigned");
    expect(banquet.room.seatsPerTable).toBe(10);
    expect(e.delegates.some((d) => d.category === "interpreter" && d.interpreterFor)).toBe(true);
  });
});
