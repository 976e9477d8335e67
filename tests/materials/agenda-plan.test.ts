import { describe, expect, it } from "vitest";
import { calendarOf, personalCalendars, uidDomain } from "../../src/materials/agenda/calendar.js";
import { planPersonal, planProgramme, sessionsByDelegate } from "../../src/materials/agenda/plan.js";
import { escapeMarkdown, programmeJson, programmeMarkdown } from "../../src/materials/agenda/web.js";
import { renderIcs } from "../../src/render/ics.js";
import { check, delegate, session, venue } from "../helpers/make.js";

function event() {
  const r = check({
    delegates: [
      delegate("KR-1", { honorific: "Hon.", sector: "parliament", native_name: "백지우", sessions: "A;B" }),
      delegate("VN-1", {
        given_name: "Van An",
        family_name: "Nguyen",
        native_name: "Nguyễn Văn An",
        country: "VN",
        honorific: "Ông",
        language: "vi",
        sessions: "C",
      }),
    ],
    venues: [venue("HALL"), venue("ROOM-1"), venue("ROOM-2")],
    sessions: [
      session("OPEN", { title: "Opening", title_ko: "개막식", speakers: "KR-1", audience: "all" }),
      session("A", { title: "Panel *A*", start: "10:00", end: "11:30", room: "ROOM-1", section: "Trade" }),
      session("B", { title: "Panel B", start: "10:30", end: "11:00", room: "ROOM-2", section: "Culture" }),
      session("C", { title: "Workshop", start: "11:00", end: "11:30", room: "ROOM-2", moderator: "VN-1" }),
      session("LUNCH", { title: "Lunch", start: "12:00", end: "13:00", type: "break", audience: "all" }),
    ],
  });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}

describe("planProgramme", () => {
  const e = event();
  const p = planProgramme(e, "en", { fonts: ["Pretendard"] });

  it("groups overlapping sessions side by side by room, in room order", () => {
    const [day] = p.days;
    expect(day!.label).toBe("Tuesday, 14 May 2024");
    expect(day!.blocks.map((b) => b.parallel)).toEqual([false, true, false]);
    const parallel = day!.blocks[1]!;
    expect(parallel.time).toBe("10:00–11:30");
    expect(parallel.columns.map((c) => c.items.map((i) => i.id))).toEqual([["A"], ["B", "C"]]);
    expect(day!.blocks[2]!.columns[0]!.items[0]!.light).toBe(true);
  });

  it("colours sections and names people with their honorific", () => {
    expect(p.sections.map((s) => s.name)).toEqual(["Trade", "Culture"]);
    const open = p.days[0]!.blocks[0]!.columns[0]!.items[0]!;
    expect(open.speakers[0]!.name).toBe("Hon. Baek Ji-woo");
    expect(p.index.map((i) => i.name)).toEqual(["Baek Ji-woo", "Nguyễn Văn An"]);
  });

  it("falls back to the default language for a missing translation", () => {
    const ko = planProgramme(e, "ko", { fonts: [] });
    const titles = ko.days[0]!.blocks.flatMap((b) => b.columns.flatMap((c) => c.items.map((i) => i.title)));
    expect(titles).toEqual(["개막식", "Panel *A*", "Panel B", "Workshop", "Lunch"]);
    expect(ko.days[0]!.label).toBe("2024년 5월 14일 (화)");
    const bi = planProgramme(e, "ko", { fonts: [] }, "en");
    expect(bi.days[0]!.blocks[0]!.columns[0]!.items[0]!.title2).toBe("Opening");
  });

  it("plans a personal agenda with the delegate's own sessions and roles", () => {
    const vn = e.delegateById.get("VN-1")!;
    const mine = sessionsByDelegate(e).get("VN-1")!;
    expect(mine.map((s) => s.id)).toEqual(["OPEN", "C", "LUNCH"]);
    const data = planPersonal(e, vn, mine, { fonts: [], table: "7" });
    expect(data.lang).toBe("vi");
    expect(data.delegate).toMatchObject({ name: "Ông Nguyễn Văn An", table: "7" });
    expect(data.days[0]!.items.map((i) => i.role)).toEqual([undefined, "Điều phối", undefined]);
  });

  it("writes Markdown with data escaped, and a versioned JSON", () => {
    expect(escapeMarkdown("*x* [y](z)")).toBe("\\*x\\* \\[y\\]\\(z\\)");
    const md = programmeMarkdown(p);
    expect(md).toContain("### 10:00–11:30 · Panel \\*A\\*");
    const json = JSON.parse(programmeJson([p]));
    expect(json.format).toBe("conclave-programme/1");
    expect(json.languages.en.days[0].sessions.map((s: { id: string }) => s.id)).toEqual([
      "OPEN",
      "A",
      "B",
      "C",
      "LUNCH",
    ]);
  });

  it("gives each session one UID in every calendar", () => {
    const all = calendarOf(e, e.sessions, "en", 0);
    const mine = calendarOf(e, sessionsByDelegate(e).get("VN-1")!, "vi", 0);
    const uid = (c: typeof all, id: string) => c.events.find((x) => x.uid.startsWith(`${id}@`))!.uid;
    expect(uid(mine, "C")).toBe(uid(all, "C"));
    expect(uidDomain(e)).toBe("test-summit.conclave");
    expect(all.events[0]!.description).toContain("Speakers: Hon. Baek Ji-woo");
  });

  it("writes personal calendars, each session rendered once, as the plain calendar would", () => {
    const calendar = personalCalendars(e, 1_687_000_000_000);
    for (const [id, sessions] of sessionsByDelegate(e)) {
      for (const lang of ["en", "ko", "vi"] as const) {
        const plain = renderIcs(calendarOf(e, sessions, lang, 1_687_000_000_000, id));
        expect(calendar(sessions, lang, id)).toBe(plain);
      }
    }
  });
});

describe("calendar speakers", () => {
  it("lists speakers in precedence order, not in the order sessions.csv gives them", () => {
    const r = check({
      delegates: [
        delegate("KR-1", { given_name: "Da-eun", family_name: "Seo", position: "Director" }),
        delegate("KR-2", {
          given_name: "Ha-neul",
          family_name: "Yoon",
          position: "Vice Minister",
          precedence: "2",
        }),
        delegate("KR-3", {
          given_name: "Min-ho",
          family_name: "Jang",
          position: "Minister",
          precedence: "1",
        }),
      ],
      venues: [venue("HALL")],
      sessions: [session("OPEN", { title: "Opening", speakers: "KR-1;KR-2;KR-3", audience: "all" })],
    });
    if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
    const cal = calendarOf(r.event, r.event.sessions, "en", 0);
    const line = cal.events[0]!.description!.split("\n")[0]!;
    expect(line.indexOf("Jang Min-ho")).toBeGreaterThan(0);
    expect(line.indexOf("Jang Min-ho")).toBeLessThan(line.indexOf("Yoon Ha-neul"));
    expect(line.indexOf("Yoon Ha-neul")).toBeLessThan(line.indexOf("Seo Da-eun"));
  });
});
