import { activePack } from "../../../i18n/active.js";
import { colonOf, fillLabel, formatDateLong } from "../../../model/i18n.js";
import { nameIn, pick } from "../../../model/names.js";
import type { Event, Localized, Room } from "../../../model/types.js";
import { delegateFileName, sessionFolderName } from "../../../output/file-names.js";
import type { Language } from "../../../schema/fields.js";
import { type PersonLine, type ProgrammeData, type ProgrammeItem, planProgramme } from "../plan.js";
import { type Html, html, langAttr } from "./html.js";
import { type PageContent, renderPage, type SiteFrame, up } from "./layout.js";

/** The files of out/agenda/ the site links to, as the agenda material names them. */
export interface SiteDownloads {
  /** Each programme PDF: the language(s) of its edition and its file name (programme.ko-en.pdf). */
  pdfs: { langs: readonly Language[]; file: string }[];
  calendar: string;
}

/** One page of the site: its path under site/ ("ko/sessions/OPENING.html") and its HTML. */
export interface SitePage {
  path: string;
  html: string;
}

/** The language a localized value is shown in on a page of `lang`: its own, the default, or any. */
export function langOf(
  value: Localized | undefined,
  lang: Language,
  fallback: Language,
): Language | undefined {
  if (!value || value[lang] !== undefined) return lang;
  if (value[fallback] !== undefined) return fallback;
  return (Object.keys(value) as Language[]).find((l) => value[l] !== undefined);
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/**
 * A name written in Hangul on a page of a language whose readers read names in another script is
 * Korean text (a Hangul name on an English page), tagged so for screen readers.
 */
const scriptLang = (text: string, lang: Language): Language | undefined =>
  activePack(lang).names.script !== "Hangul" && HANGUL.test(text) ? "ko" : undefined;

const offsets = new Map<string, string>();

/** The UTC offset of the event's zone on its first day, as "GMT+07:00" (Intl's longOffset). */
export function zoneOffset(timeZone: string, date: string): string {
  // A formatter costs a third of a millisecond to make: once per zone and day, not per page.
  const key = `${timeZone} ${date}`;
  const known = offsets.get(key);
  if (known) return known;
  const offset = formatOffset(timeZone, date);
  offsets.set(key, offset);
  return offset;
}

function formatOffset(timeZone: string, date: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
}

interface Appearance {
  item: ProgrammeItem;
  date: string;
  role?: string;
}

interface Person {
  line: PersonLine;
  sortName: string;
  appearances: Appearance[];
}

/** Everything one language's pages are made from. */
interface LanguageSite {
  lang: Language;
  frame: SiteFrame;
  programme: ProgrammeData;
  items: Map<string, { item: ProgrammeItem; date: string }>;
  people: Person[];
  sessionFile: (id: string) => string;
  speakerFile: (id: string) => string;
}

function collect(event: Event, lang: Language, languages: readonly Language[]): LanguageSite {
  const fb = event.config.defaultLanguage;
  const programme = planProgramme(event, lang, { fonts: [] });
  const items = new Map<string, { item: ProgrammeItem; date: string }>();
  const byId = new Map<string, Person>();
  const appear = (line: PersonLine, a: Appearance) => {
    let p = byId.get(line.id);
    if (!p) {
      const d = event.delegateById.get(line.id)!;
      p = { line, sortName: nameIn(d, lang), appearances: [] };
      byId.set(line.id, p);
    }
    if (!p.appearances.some((x) => x.item.id === a.item.id)) p.appearances.push(a);
  };
  for (const day of programme.days)
    for (const block of day.blocks)
      for (const col of block.columns)
        for (const item of col.items) {
          items.set(item.id, { item, date: day.date });
          for (const s of item.speakers)
            appear(s, { item, date: day.date, ...(s.role ? { role: s.role } : {}) });
          if (item.moderator) appear(item.moderator, { item, date: day.date, role: item.moderatorLabel });
        }
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  const people = [...byId.values()].sort(
    (a, b) => collator.compare(a.sortName, b.sortName) || (a.line.id < b.line.id ? -1 : 1),
  );
  // In time order: the programme's blocks are by start, a speaker's sessions follow them.
  const order = new Map([...items.keys()].map((id, i) => [id, i]));
  for (const p of people) p.appearances.sort((a, b) => order.get(a.item.id)! - order.get(b.item.id)!);
  const { config } = event;
  return {
    lang,
    frame: {
      lang,
      languages,
      event: {
        name: programme.cover.name,
        nameLang: langOf(config.name, lang, fb),
        dates: programme.cover.dates,
        city: programme.cover.city,
        cityLang: langOf(config.city, lang, fb),
      },
    },
    programme,
    items,
    people,
    sessionFile: (id) => `sessions/${sessionFolderName(event, id)}.html`,
    speakerFile: (id) => `speakers/${delegateFileName(event, id)}.html`,
  };
}

/** The language of a session's text on this page (title, room…), through the Session itself. */
function textLangs(event: Event, id: string, lang: Language) {
  const fb = event.config.defaultLanguage;
  const s = event.sessionById.get(id)!;
  return {
    title: langOf(s.title, lang, fb),
    room: langOf(s.room.room, lang, fb),
    venue: langOf(s.room.venue, lang, fb),
    address: langOf(s.room.address, lang, fb),
    section: langOf(s.section, lang, fb),
    description: langOf(s.description, lang, fb),
  };
}

/** A person's name and what is said of them, each marked with its language where it differs. */
function personHtml(event: Event, site: LanguageSite, line: PersonLine, from: string): Html {
  const { lang } = site;
  const fb = event.config.defaultLanguage;
  const d = event.delegateById.get(line.id)!;
  const detailLang = line.detail ? langOf(d.organisation, lang, fb) : undefined;
  const name = html`<a href="${`${up(from)}${site.speakerFile(line.id)}`}"${langAttr(scriptLang(line.name, lang), lang)}>${line.name}</a>`;
  const detail = line.detail
    ? html`<span class="detail"${langAttr(detailLang, lang)}>${line.detail}</span>`
    : "";
  // Korean writes the organisation before the name (산업통상자원부 오경수 차관).
  return line.detailFirst ? html`${detail} ${name}` : html`${name}${line.detail ? ", " : ""}${detail}`;
}

function zoneLine(event: Event, lang: Language): Html {
  const { config } = event;
  const words = activePack(lang).labels.site;
  const text = fillLabel(lang, words.timeZone, {
    zone: config.timezone,
    offset: zoneOffset(config.timezone, config.start),
  });
  return html`<p class="zone">${text}</p>`;
}

function indexPage(event: Event, site: LanguageSite, downloads: SiteDownloads): PageContent {
  const { lang, programme: p } = site;
  const words = activePack(lang).labels.site;
  const agenda = activePack(lang).labels.agenda;
  const path = "index.html";
  const agendaDir = `${up(path)}../../agenda/`;
  const days = p.days.map((d) => {
    const n = d.blocks.reduce((sum, b) => sum + b.columns.reduce((k, c) => k + c.items.length, 0), 0);
    return html`<li><a href="${`days/${d.date}.html`}">${d.label}</a> <span class="count">(${n})</span></li>`;
  });
  const organisers = p.cover.organisers.map(
    (o) => html`<p class="organisers">${o.label} ${o.names.join(", ")}</p>`,
  );
  const venue = p.venue
    ? html`<p class="venue">${agenda.venue}${colonOf(lang)}${p.venue.name}${p.venue.address ? `, ${p.venue.address}` : ""}</p>`
    : "";
  const pdfs = downloads.pdfs
    .filter((f) => f.langs[0] === lang && f.langs.length === 1)
    .map(
      (f) => html`<li><a href="${agendaDir + f.file}" type="application/pdf">${words.programmePdf}</a></li>`,
    );
  const bilingual = downloads.pdfs
    .filter((f) => f.langs.length > 1 && f.langs.includes(lang))
    .map(
      (f) =>
        html`<li><a href="${agendaDir + f.file}" type="application/pdf">${words.bilingualPdf}</a> <span class="count">(${f.langs.map((l) => activePack(l).name).join(" + ")})</span></li>`,
    );
  const main = html`<h1${langAttr(site.frame.event.nameLang, lang)}>${p.cover.name}</h1>
<p class="lead">${p.cover.dates} · ${p.cover.city}</p>
${venue}${organisers}
${zoneLine(event, lang)}
<h2>${words.days}</h2>
<ul class="days">${days}</ul>
<ul class="links"><li><a href="speakers/index.html">${words.speakers}</a></li><li><a href="rooms.html">${words.rooms}</a></li></ul>
<h2>${words.downloads}</h2>
<ul class="downloads">${pdfs}${bilingual}<li><a href="${agendaDir + downloads.calendar}" type="text/calendar">${words.calendar}</a></li></ul>`;
  return { path, title: p.cover.name, crumbs: [{ label: agenda.programme }], main };
}

/** A session as a day's grid shows it: time, title, type and section, room, speakers. */
function card(
  event: Event,
  site: LanguageSite,
  item: ProgrammeItem,
  from: string,
  place: { style: string; blockTime: string },
): Html {
  const { lang } = site;
  const t = textLangs(event, item.id, lang);
  const facts = [item.type, item.section?.name].filter(Boolean);
  const people = [
    // A speech (opening, welcome, keynote…) is named on the card as on the session's page.
    ...item.speakers.map(
      (p) =>
        html`<li>${personHtml(event, site, p, from)}${p.role ? html` <span class="role">(${p.role})</span>` : ""}</li>`,
    ),
    ...(item.moderator
      ? [
          html`<li>${personHtml(event, site, item.moderator, from)} <span class="role">(${item.moderatorLabel})</span></li>`,
        ]
      : []),
  ];
  return html`<article class="${item.light ? "item light" : "item"}" style="${place.style}">
${item.time !== place.blockTime ? html`<p class="time">${item.time}</p>` : ""}
<h3><a href="${`${up(from)}${site.sessionFile(item.id)}`}"${langAttr(t.title, lang)}>${item.title}</a></h3>
${facts.length > 0 ? html`<p class="facts">${item.type}${item.type && item.section ? " · " : ""}${item.section ? html`<span${langAttr(t.section, lang)}>${item.section.name}</span>` : ""}</p>` : ""}
<p class="room"${langAttr(t.room, lang)}>${item.room}</p>
${people.length > 0 ? html`<ul class="people">${people}</ul>` : ""}
</article>`;
}

function dayPage(event: Event, site: LanguageSite, index: number): PageContent {
  const { lang, programme: p } = site;
  const day = p.days[index]!;
  const path = `days/${day.date}.html`;
  const words = activePack(lang).labels.site;
  const agenda = activePack(lang).labels.agenda;
  const blocks = day.blocks.map((b, bi) => {
    const all = b.columns.flatMap((c, ci) => c.items.map((item) => ({ item, col: ci + 1 })));
    // Rows are the block's start times: a session spans from its start to the first start at or
    // after its end. Cards are in time order in the page, so a phone (one column) reads them so.
    const starts = [...new Set(all.map((x) => x.item.start))].sort();
    const rowOf = new Map(starts.map((s, i) => [s, i]));
    // How many of the block's start times come before `time` (a binary search: a block of a
    // generated day holds hundreds of sessions).
    const before = (time: string) => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid]! < time) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const head = b.parallel ? 1 : 0;
    const cards = all
      .sort((x, y) => (x.item.start < y.item.start ? -1 : x.item.start > y.item.start ? 1 : x.col - y.col))
      .map(({ item, col }) => {
        const row = rowOf.get(item.start)! + 1 + head;
        const last = before(item.end) + 1 + head;
        const style = `--c:${col};--r:${row} / ${Math.max(last, row + 1)}`;
        return card(event, site, item, path, { style, blockTime: b.time });
      });
    const rooms = b.parallel
      ? b.columns.map(
          (c, ci) => html`<p class="room-head" style="${`--c:${ci + 1}`}" aria-hidden="true">${c.room}</p>`,
        )
      : [];
    return html`<section class="block" aria-labelledby="${`b${bi}`}">
<h2 id="${`b${bi}`}" class="block-time">${b.time}</h2>
<div class="${b.parallel ? "grid parallel" : "grid"}" style="${`--cols:${b.columns.length}`}">
${rooms}${cards}
</div>
</section>`;
  });
  const others = p.days.map((d, i) =>
    i === index
      ? html`<li><a aria-current="page" href="${`${d.date}.html`}">${d.label}</a></li>`
      : html`<li><a href="${`${d.date}.html`}">${d.label}</a></li>`,
  );
  const main = html`<h1>${day.label}</h1>
${zoneLine(event, lang)}
<nav class="daynav" aria-label="${words.days}"><ul>${others}</ul></nav>
${blocks}`;
  return {
    path,
    title: day.label,
    crumbs: [{ label: agenda.programme, path: "index.html" }, { label: day.label }],
    main,
  };
}

function sessionPage(event: Event, site: LanguageSite, id: string): PageContent {
  const { lang } = site;
  const { item, date } = site.items.get(id)!;
  const path = site.sessionFile(id);
  const words = activePack(lang).labels.site;
  const agenda = activePack(lang).labels.agenda;
  const t = textLangs(event, id, lang);
  const label = formatDateLong(date, lang);
  const room = event.sessionById.get(id)!.room;
  const roomIndex = event.rooms.indexOf(room);
  const row = (term: string, value: Html | string) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const facts = [
    row(words.time, html`<a href="${`${up(path)}days/${date}.html`}">${label}</a>, ${item.time}`),
    item.type ? row(words.type, item.type) : "",
    item.section
      ? row(words.section, html`<span${langAttr(t.section, lang)}>${item.section.name}</span>`)
      : "",
    row(
      words.room,
      html`<a href="${`${up(path)}rooms.html#room-${roomIndex + 1}`}"${langAttr(t.room, lang)}>${item.room}</a>${item.venue ? html`, <span${langAttr(t.venue, lang)}>${item.venue}</span>` : ""}`,
    ),
    item.address ? row(words.address, html`<span${langAttr(t.address, lang)}>${item.address}</span>`) : "",
  ];
  const speakers = item.speakers.map(
    (s) =>
      html`<li>${personHtml(event, site, s, path)}${s.role ? html` <span class="role">(${s.role})</span>` : ""}</li>`,
  );
  const moderator = item.moderator
    ? html`<h2>${item.moderatorLabel}</h2><ul class="people"><li>${personHtml(event, site, item.moderator, path)}</li></ul>`
    : "";
  const main = html`<h1${langAttr(t.title, lang)}>${item.title}</h1>
<dl class="facts">${facts}</dl>
${zoneLine(event, lang)}
${speakers.length > 0 ? html`<h2>${agenda.speakers}</h2><ul class="people">${speakers}</ul>` : ""}
${moderator}
${item.description ? html`<h2>${words.about}</h2><p class="description"${langAttr(t.description, lang)}>${item.description}</p>` : ""}`;
  return {
    path,
    title: item.title,
    crumbs: [
      { label: agenda.programme, path: "index.html" },
      { label, path: `days/${date}.html` },
      { label: item.title, ...(t.title !== lang ? { lang: t.title } : {}) },
    ],
    main,
  };
}

function speakerPage(event: Event, site: LanguageSite, person: Person): PageContent {
  const { lang } = site;
  const path = site.speakerFile(person.line.id);
  const words = activePack(lang).labels.site;
  const agenda = activePack(lang).labels.agenda;
  const d = event.delegateById.get(person.line.id)!;
  const nameLang = scriptLang(person.line.name, lang);
  const detailLang = langOf(d.organisation, lang, event.config.defaultLanguage);
  const sessions = person.appearances.map(({ item, date, role }) => {
    const t = textLangs(event, item.id, lang);
    return html`<li><span class="time">${formatDateLong(date, lang)}, ${item.time}</span> <a href="${`${up(path)}${site.sessionFile(item.id)}`}"${langAttr(t.title, lang)}>${item.title}</a>${role ? html` <span class="role">(${role})</span>` : ""}</li>`;
  });
  const main = html`<h1${langAttr(nameLang, lang)}>${person.line.name}</h1>
${person.line.detail ? html`<p class="lead"${langAttr(detailLang, lang)}>${person.line.detail}</p>` : ""}
<h2>${words.sessions}</h2>
<ul class="sessions">${sessions}</ul>`;
  return {
    path,
    title: person.line.name,
    crumbs: [
      { label: agenda.programme, path: "index.html" },
      { label: words.speakers, path: "speakers/index.html" },
      { label: person.line.name, ...(nameLang ? { lang: nameLang } : {}) },
    ],
    main,
  };
}

function speakersPage(event: Event, site: LanguageSite): PageContent {
  const { lang } = site;
  const path = "speakers/index.html";
  const words = activePack(lang).labels.site;
  const agenda = activePack(lang).labels.agenda;
  const list = site.people.map((p) => html`<li>${personHtml(event, site, p.line, path)}</li>`);
  const main = html`<h1>${words.speakers}</h1>
<ul class="people">${list}</ul>`;
  return {
    path,
    title: words.speakers,
    crumbs: [{ label: agenda.programme, path: "index.html" }, { label: words.speakers }],
    main,
  };
}

function roomsPage(event: Event, site: LanguageSite): PageContent {
  const { lang } = site;
  const fb = event.config.defaultLanguage;
  const path = "rooms.html";
  const words = activePack(lang).labels.site;
  const agenda = activePack(lang).labels.agenda;
  // Venues in the order venues.csv first names them, each with its rooms in file order.
  const venues = new Map<string, { rooms: number[] }>();
  for (const [i, r] of event.rooms.entries()) {
    const key = pick(r.venue, fb, fb) ?? "";
    const v = venues.get(key) ?? { rooms: [] };
    v.rooms.push(i);
    venues.set(key, v);
  }
  // Each room's sessions, in programme order, found in one pass.
  const inRoom = new Map<Room, { item: ProgrammeItem; date: string }[]>();
  for (const entry of site.items.values()) {
    const room = event.sessionById.get(entry.item.id)!.room;
    const list = inRoom.get(room);
    if (list) list.push(entry);
    else inRoom.set(room, [entry]);
  }
  const sections = [...venues.values()].map(({ rooms }) => {
    const first = event.rooms[rooms[0]!]!;
    const venueName = pick(first.venue, lang, fb) ?? "";
    const address = pick(first.address, lang, fb);
    const items = rooms.map((i) => {
      const r = event.rooms[i]!;
      const sessions = inRoom.get(r) ?? [];
      const list = sessions.map(({ item, date }) => {
        const t = textLangs(event, item.id, lang);
        return html`<li><span class="time">${formatDateLong(date, lang)}, ${item.time}</span> <a href="${site.sessionFile(item.id)}"${langAttr(t.title, lang)}>${item.title}</a></li>`;
      });
      return html`<section class="room-entry" aria-labelledby="${`room-${i + 1}`}">
<h3 id="${`room-${i + 1}`}"${langAttr(langOf(r.room, lang, fb), lang)}>${pick(r.room, lang, fb) ?? r.id}</h3>
<p class="facts">${words.capacity}${colonOf(lang)}${r.capacity}</p>
${list.length > 0 ? html`<h4>${words.sessionsIn}</h4><ul class="sessions">${list}</ul>` : ""}
</section>`;
    });
    return html`<section class="venue-entry">
<h2${langAttr(langOf(first.venue, lang, fb), lang)}>${venueName}</h2>
${address ? html`<p class="lead"${langAttr(langOf(first.address, lang, fb), lang)}>${address}</p>` : ""}
${items}
</section>`;
  });
  const main = html`<h1>${words.rooms}</h1>
${sections}`;
  return {
    path,
    title: words.rooms,
    crumbs: [{ label: agenda.programme, path: "index.html" }, { label: words.rooms }],
    main,
  };
}

/** site/index.html: the programme in each language, each link named in its own language. */
function chooserPage(event: Event, languages: readonly Language[]): SitePage {
  const fb = event.config.defaultLanguage;
  const name = pick(event.config.name, fb, fb) ?? "";
  const words = activePack(fb).labels.site;
  const links = languages.map((l) => {
    const title = pick(event.config.name, l, fb) ?? "";
    return html`<li${langAttr(l, fb)}><a href="${`${l}/index.html`}" hreflang="${l}">${activePack(l).name}</a> · ${title}</li>`;
  });
  const text = html`<!doctype html>
<html lang="${fb}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name}</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<main id="main" class="wrap">
<h1>${name}</h1>
<h2>${words.allLanguages}</h2>
<ul class="days">${links}</ul>
</main>
</body>
</html>
`.text;
  return { path: "index.html", html: text };
}

/**
 * Every page of the programme site, in every language of the event: pure, from the plan the
 * printed programme is made from (sessions, their speakers and moderators, rooms), so nothing
 * else about a delegate can reach a page. Paths are relative to out/site/.
 */
export function planSite(event: Event, downloads: SiteDownloads): SitePage[] {
  const languages = event.config.languages;
  const pages: SitePage[] = [chooserPage(event, languages)];
  for (const lang of languages) {
    const site = collect(event, lang, languages);
    const contents: PageContent[] = [
      indexPage(event, site, downloads),
      ...site.programme.days.map((_, i) => dayPage(event, site, i)),
      ...[...site.items.keys()].map((id) => sessionPage(event, site, id)),
      speakersPage(event, site),
      ...site.people.map((p) => speakerPage(event, site, p)),
      roomsPage(event, site),
    ];
    for (const c of contents) pages.push({ path: `${lang}/${c.path}`, html: renderPage(site.frame, c) });
  }
  return pages;
}
