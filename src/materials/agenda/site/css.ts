import { type ReadableColour, readableOn } from "./colours.js";

/** The site's colours: the event's branding, each darkened where AA contrast needs it. */
export interface SiteColours {
  /** The banner's ground under white text, and the colour of links on white and light grey. */
  primary: ReadableColour;
  /** Times and the banner's rule, on white and light grey. */
  secondary: ReadableColour;
}

/**
 * The grey of a break's card, the darkest ground text of a brand colour is on: a colour readable
 * on it is readable on white too, and white text is readable on it.
 */
export const LIGHT_GROUND = "#f3f3f3";

export function siteColours(branding: { primary: string; secondary: string }): SiteColours {
  return {
    primary: readableOn(branding.primary, LIGHT_GROUND),
    secondary: readableOn(branding.secondary, LIGHT_GROUND),
  };
}

/**
 * out/site/assets/site.css: the bundled fonts (`fontFaces`), a grid of rooms by time on a wide
 * screen, one column in time order on a phone, and a print stylesheet. Text is #1b1b1b on white
 * (17:1), muted text #4d4d4d (8.5:1).
 */
export function siteCss(colours: SiteColours, fontFaces: string): string {
  const p = colours.primary.colour;
  const s = colours.secondary.colour;
  return `${fontFaces}:root { --primary: ${p}; --secondary: ${s}; --text: #1b1b1b; --muted: #4d4d4d; --line: #d0d0d0; --light: ${LIGHT_GROUND}; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: Pretendard, system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--text); background: #fff; line-height: 1.55; overflow-wrap: anywhere; word-break: keep-all; }
:lang(vi), :lang(en) { word-break: normal; }
a { color: var(--primary); text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--secondary); outline-offset: 2px; }
.wrap { max-width: 78rem; margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -100vw; top: 0; background: #fff; padding: 0.5rem 1rem; }
.skip:focus { left: 0.5rem; z-index: 2; }
.banner { background: var(--primary); color: #fff; border-bottom: 4px solid var(--secondary); padding: 0.75rem 0; }
.banner a { color: #fff; }
.banner .event { font-size: 1.25rem; font-weight: 700; margin: 0; }
.banner .when { margin: 0.1rem 0 0.5rem; }
.langs ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
.langs a[aria-current] { font-weight: 700; text-decoration: none; border-bottom: 2px solid #fff; }
.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0.75rem 0 0; font-size: 0.9rem; color: var(--muted); }
.crumbs li + li::before { content: "›"; margin-right: 0.25rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 0.2rem 0; }
.lead { font-size: 1.1rem; margin: 0.25rem 0; }
.zone, .count, .detail, .facts, .role { color: var(--muted); }
.days, .links, .downloads, .sessions, .people { padding-left: 1.25rem; }
.links { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; list-style: none; padding: 0; }
.daynav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; }
.daynav a[aria-current] { font-weight: 700; }
.block { border-top: 1px solid var(--line); margin-top: 1rem; }
.block-time { color: var(--secondary); font-size: 1.1rem; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75rem; }
.room-head { display: none; }
.item { border-left: 4px solid var(--primary); padding: 0.5rem 0.75rem; background: #fff; }
.item.light { border-left-color: var(--line); background: var(--light); }
.item .time { margin: 0; color: var(--secondary); font-weight: 700; }
.item p, .item ul { margin: 0.2rem 0; }
.item .people { padding-left: 1rem; font-size: 0.95rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; color: var(--text); }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
.sessions .time { color: var(--muted); }
@media (min-width: 48em) {
  .grid { grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); }
  .room-head { display: block; grid-column: var(--c); grid-row: 1; margin: 0; font-weight: 700; color: var(--muted); }
  .item { grid-column: var(--c); grid-row: var(--r); }
  /* The room is the column's heading: the card still says it to a screen reader. */
  .parallel .item .room { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
}
@media print {
  body { font-size: 10.5pt; color: #000; }
  .banner { background: none; color: #000; border-bottom: 2pt solid #000; padding: 0; }
  .banner a, a { color: #000; text-decoration: none; }
  .skip, .langs, .crumbs, .daynav { display: none; }
  .grid { grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); }
  .room-head { display: block; grid-column: var(--c); grid-row: 1; font-weight: 700; }
  .item { grid-column: var(--c); grid-row: var(--r); border-left-width: 2pt; break-inside: avoid; }
  .block { break-inside: avoid-page; }
  h1, h2, h3 { break-after: avoid; }
}
`;
}
