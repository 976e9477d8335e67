import { activePack } from "../../../i18n/active.js";
import type { Language } from "../../../schema/fields.js";
import { type Html, html, langAttr } from "./html.js";

/** What every page of one language shares: the event's name and the site's languages. */
export interface SiteFrame {
  lang: Language;
  languages: readonly Language[];
  /** The event's name, dates and city in this language, and the language each is written in. */
  event: { name: string; nameLang?: string; dates: string; city: string; cityLang?: string };
}

/** A page: where it goes under site/<lang>/ ("sessions/OPENING.html"), its title and its parts. */
export interface PageContent {
  path: string;
  title: string;
  titleLang?: string;
  /** The trail from the language's index, the page itself last (not a link). */
  crumbs: { label: string; lang?: string; path?: string }[];
  main: Html;
}

/** The path from a page to the folder of its language ("../" for sessions/X.html). */
export function up(path: string): string {
  return "../".repeat(path.split("/").length - 1);
}

/** The language's name in itself (its pack's `name`): 한국어, Tiếng Việt, English. */
export const languageName = (l: Language) => activePack(l).name;

/**
 * The language switcher: the same page in each of the event's languages, each named in itself
 * and marked with its language; the current one is not a link.
 */
function switcher(frame: SiteFrame, path: string): Html {
  const words = activePack(frame.lang).labels.site;
  const back = `${up(path)}../`;
  const items = frame.languages.map((l) =>
    l === frame.lang
      ? html`<li><a aria-current="page" href="${`${back}${l}/${path}`}"${langAttr(l, frame.lang)}>${languageName(l)}</a></li>`
      : html`<li><a href="${`${back}${l}/${path}`}" hreflang="${l}"${langAttr(l, frame.lang)}>${languageName(l)}</a></li>`,
  );
  return html`<nav class="langs" aria-label="${words.languages}"><ul>${items}</ul></nav>`;
}

/** A whole page: head, banner with the switcher, trail, main, footer. */
export function renderPage(frame: SiteFrame, page: PageContent): string {
  const { lang } = frame;
  const words = activePack(lang).labels.site;
  const root = up(page.path);
  const alternates = frame.languages
    .filter((l) => l !== lang)
    .map((l) => html`\n<link rel="alternate" hreflang="${l}" href="${`${root}../${l}/${page.path}`}">`);
  const crumbs = page.crumbs.map((c, i) =>
    i === page.crumbs.length - 1
      ? html`<li aria-current="page"${langAttr(c.lang, lang)}>${c.label}</li>`
      : html`<li><a href="${`${root}${c.path}`}"${langAttr(c.lang, lang)}>${c.label}</a></li>`,
  );
  const e = frame.event;
  const title = page.title === e.name ? e.name : `${page.title} · ${e.name}`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${`${root}../assets/site.css`}">${alternates}
</head>
<body>
<a class="skip" href="#main">${words.skip}</a>
<header class="banner">
<div class="wrap">
<p class="event"><a href="${`${root}index.html`}"${langAttr(e.nameLang, lang)}>${e.name}</a></p>
<p class="when">${e.dates} · <span${langAttr(e.cityLang, lang)}>${e.city}</span></p>
${switcher(frame, page.path)}
</div>
</header>
<nav class="crumbs wrap" aria-label="${words.breadcrumb}"><ol>${crumbs}</ol></nav>
<main id="main" class="wrap">
${page.main}
</main>
</body>
</html>
`.text;
}
