import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrast, readableOn } from "../../src/materials/agenda/site/colours.js";
import { LIGHT_GROUND, siteColours } from "../../src/materials/agenda/site/css.js";
import { escapeHtml, html } from "../../src/materials/agenda/site/html.js";
import { planSite, type SiteDownloads, zoneOffset } from "../../src/materials/agenda/site/pages.js";
import type { Event } from "../../src/model/types.js";
import { check, delegate, session, venue } from "../helpers/make.js";

const downloads: SiteDownloads = {
  pdfs: [
    { langs: ["en"], file: "programme.en.pdf" },
    { langs: ["ko"], file: "programme.ko.pdf" },
    { langs: ["vi"], file: "programme.vi.pdf" },
    { langs: ["ko", "en"], file: "programme.ko-en.pdf" },
  ],
  calendar: "programme.ics",
};

const HOSTILE_TITLE = `<script>alert("t")</script> & 'quoted' "double"`;
const HOSTILE_NAME = `"><img src=x onerror=alert(1)>`;
/** What no page may hold: one delegate's private fields, and everything about a non-speaker. */
const PRIVATE = {
  email: "secret-7f3a91@private.example",
  phone: "+82 10 9753 1864",
  passport: "PX77120943",
  dietary: "halal",
  accessibility: "needs-ramp-9c2e",
  dob: "1971-02-03",
};

function event(): Event {
  const r = check({
    delegates: [
      delegate("KR-001", {
        given_name: "Min-jun",
        family_name: "Kim",
        native_name: "김민준",
        honorific: "Dr",
        organisation_ko: "남산로보틱스",
        position: "Chief Executive Officer",
        email: PRIVATE.email,
        phone: PRIVATE.phone,
        passport_number: PRIVATE.passport,
        nationality: "KR",
        date_of_birth: PRIVATE.dob,
        dietary: PRIVATE.dietary,
        accessibility: PRIVATE.accessibility,
        sessions: "S1;S2",
      }),
      delegate("VN-001", { given_name: HOSTILE_NAME, family_name: "Trần", country: "VN", sessions: "S1" }),
      delegate("VN-002", { given_name: "Thị Lan", family_name: "Phạm", country: "VN", sessions: "S2" }),
      // Attends, speaks nowhere: nothing of them is public.
      delegate("KR-077", {
        given_name: "Quorra",
        family_name: "Zelinsky",
        category: "press",
        email: "quorra.zelinsky@press.example",
        sessions: "S1",
      }),
    ],
    venues: [venue("HALL"), venue("ROOM-B", { room: "Room B" })],
    sessions: [
      session("S1", {
        title: HOSTILE_TITLE,
        title_ko: "개회식",
        speakers: "KR-001:opening;VN-001",
        type: "ceremony",
        description_ko: "한국어로만 쓴 설명",
      }),
      session("S2", {
        title: "Workshop A",
        room: "ROOM-B",
        start: "09:30",
        end: "10:30",
        speakers: "VN-002",
      }),
    ],
  });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}

describe("escapeHtml", () => {
  it("writes the characters of HTML markup as references, and drops bidi controls", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
    expect(escapeHtml("abc\u202edcba\u2066x\u2069")).toBe("abcdcbax");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });

  it("is what the html tag applies to every value, never to its literal parts", () => {
    const value = `" onmouseover="x`;
    expect(html`<a title="${value}">${"<b>"}</a>`.text).toBe(
      '<a title="&quot; onmouseover=&quot;x">&lt;b&gt;</a>',
    );
    expect(html`<p>${[html`<i>${"&"}</i>`, "<"]}</p>`.text).toBe("<p><i>&amp;</i>&lt;</p>");
  });
});

describe("planSite", () => {
  const e = event();
  // A value the CSV would have cleaned, put in by a library caller: it must not reach a page.
  e.sessions.find((s) => s.id === "S2")!.title.en = "Workshop \u202eA";
  const pages = planSite(e, downloads);
  const all = pages.map((p) => p.html).join("\n");
  const page = (p: string) => pages.find((x) => x.path === p)!.html;

  it("makes an index, a page per day, session and speaker, speakers and rooms per language", () => {
    const paths = pages.map((p) => p.path);
    for (const l of ["en", "ko", "vi"])
      for (const p of [
        "index.html",
        "days/2024-05-14.html",
        "sessions/S1.html",
        "sessions/S2.html",
        "speakers/index.html",
        "speakers/KR-001.html",
        "speakers/VN-001.html",
        "rooms.html",
      ])
        expect(paths).toContain(`${l}/${p}`);
    expect(paths).toContain("index.html");
    expect(paths.filter((p) => p.includes("KR-077"))).toEqual([]);
  });

  it("names a speech beside its speaker on the day's grid and the session's page, in the page's language", () => {
    for (const [l, word] of [
      ["en", "Opening address"],
      ["ko", "개회사"],
    ] as const) {
      for (const file of [`${l}/days/2024-05-14.html`, `${l}/sessions/S1.html`]) {
        const text = pages.find((p) => p.path === file)!.html;
        const item = text.slice(text.indexOf("speakers/KR-001.html"));
        expect(item.slice(0, item.indexOf("</li>"))).toContain(`<span class="role">(${word})</span>`);
      }
    }
    // A speaker with no printed role (VN-001 speaks at the ceremony) gets none.
    const day = pages.find((p) => p.path === "en/days/2024-05-14.html")!.html;
    const vn = day.slice(day.indexOf("speakers/VN-001.html"));
    expect(vn.slice(0, vn.indexOf("</li>"))).not.toContain('class="role"');
  });

  it("prints hostile titles and names as text", () => {
    expect(all).not.toContain("<script>");
    expect(all).not.toContain("<img");
    expect(all).not.toContain("\u202e");
    expect(page("en/sessions/S1.html")).toContain(
      "<h1>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot;</h1>",
    );
    expect(page("en/speakers/VN-001.html")).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(page("en/sessions/S2.html")).toContain("<h1>Workshop A</h1>");
  });

  it("holds nothing private: no contact, travel, dietary or accessibility data, no non-speaker", () => {
    for (const secret of [...Object.values(PRIVATE), "Quorra", "Zelinsky", "press.example", "PRESS"])
      for (const p of pages) expect(p.html, `${secret} in ${p.path}`).not.toContain(secret);
  });

  it("marks text in another language than the page's with lang", () => {
    // A description written only in Korean, on the English page.
    expect(page("en/sessions/S1.html")).toContain('<p class="description" lang="ko">한국어로만 쓴 설명</p>');
    // The switcher names each language in itself.
    expect(page("en/index.html")).toContain('hreflang="ko" lang="ko">한국어</a>');
    expect(page("ko/index.html")).toContain('hreflang="vi" lang="vi">Tiếng Việt</a>');
    // The Korean title on the Korean page needs none; its English title on the Vietnamese page does.
    expect(page("ko/sessions/S1.html")).toContain("<h1>개회식</h1>");
    expect(page("vi/sessions/S1.html")).toMatch(/<h1 lang="en">&lt;script/);
    // A speaker's Hangul name on the Korean page, their Latin name with honorific on the English one.
    expect(page("ko/speakers/KR-001.html")).toContain("김민준");
    expect(page("en/speakers/KR-001.html")).toContain("<h1>Dr Kim Min-jun</h1>");
  });

  it("links relatively, to files (file:// shows no index of a folder), and to the agenda's downloads", () => {
    const paths = new Set(pages.map((p) => p.path));
    for (const p of pages)
      for (const m of p.html.matchAll(/(?:href|src)="([^"]*)"/g)) {
        const target = m[1]!;
        if (target.startsWith("#")) continue;
        expect(target, p.path).not.toMatch(/^(?:[a-z]+:|\/)/);
        const file = target.split("#")[0]!;
        expect(file, p.path).toMatch(/\.(html|css|pdf|ics)$/);
        // Every page linked to is a page of the site.
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(p.path), file));
        if (file.endsWith(".html")) expect(paths.has(resolved), `${p.path} → ${target}`).toBe(true);
      }
    const index = page("ko/index.html");
    expect(index).toContain('href="../../agenda/programme.ko.pdf"');
    expect(index).toContain('href="../../agenda/programme.ko-en.pdf"');
    expect(index).toContain('href="../../agenda/programme.ics"');
    expect(page("vi/index.html")).not.toContain("programme.ko-en.pdf");
  });

  it("lays parallel sessions out on a grid of rooms by start time", () => {
    const day = page("en/days/2024-05-14.html");
    expect(day).toContain('class="grid parallel" style="--cols:2"');
    // S1 09:00–10:00 spans both start times of the block; S2 starts at the second.
    expect(day).toContain('style="--c:1;--r:2 / 4"');
    expect(day).toContain('style="--c:2;--r:3 / 4"');
    expect(day.indexOf("sessions/S1.html")).toBeLessThan(day.indexOf("sessions/S2.html"));
  });

  it("gives the same bytes each time", () => {
    expect(planSite(e, downloads)).toEqual(pages);
  });

  it("says the time zone and its offset", () => {
    expect(zoneOffset("Asia/Seoul", "2024-05-14")).toBe("GMT+09:00");
    expect(page("en/days/2024-05-14.html")).toContain("Times are local (Asia/Seoul, GMT+09:00).");
  });
});

describe("branding colours", () => {
  it("are checked on the light grey of a break's card, so white text on them and they on white pass too", () => {
    const c = siteColours({ primary: "#5a8fd0", secondary: "#c8102e" });
    expect(c.primary.darkenedFrom).toBe("#5a8fd0");
    for (const ground of ["#ffffff", LIGHT_GROUND])
      expect(contrast(c.primary.colour, ground)).toBeGreaterThanOrEqual(4.5);
    expect(c.secondary).toEqual({ colour: "#c8102e", ratio: contrast("#c8102e", LIGHT_GROUND) });
  });

  it("computes WCAG contrast", () => {
    expect(contrast("#ffffff", "#000000")).toBe(21);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });

  it("keeps a colour that reaches 4.5:1 on white and darkens one that does not", () => {
    expect(readableOn("#12355b", "#ffffff")).toEqual({
      colour: "#12355b",
      ratio: contrast("#12355b", "#ffffff"),
    });
    const orange = readableOn("#f0a030", "#ffffff");
    expect(orange.darkenedFrom).toBe("#f0a030");
    expect(orange.ratio).toBeGreaterThanOrEqual(4.5);
    expect(contrast(orange.colour, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
});
