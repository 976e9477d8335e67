import type { Diagnostic } from "../diagnostics.js";
import { type Html, html } from "../materials/agenda/site/html.js";
import { latinName, pick } from "../model/names.js";
import type { Event } from "../model/types.js";
import type { PreviewState } from "./session.js";
import { PREVIEW_MATERIALS, type PreviewMaterial, type View } from "./views.js";

/*
 * The preview's pages. Every value from the event (names, file names, messages) goes through the
 * site's one escape (`html`, src/materials/agenda/site/html.ts), so a hostile name prints literally.
 * The pages work with JavaScript off: the form submits, the pages are images; the script only
 * reloads the page when a rebuild has finished.
 */

/** A PDF of the view, with what the page needs to place its pages. */
export interface ShownFile {
  path: string;
  sha256: string;
  /** 1-based pages to show. */
  pages: number[];
  /** The file's number of pages. */
  total: number;
  /** Size of a page image in CSS pixels. */
  width: number;
  height: number;
  /** Why its pages cannot be shown as images (the link to the PDF still works). */
  error?: string;
}

export interface IndexPage {
  state: PreviewState;
  generation: number;
  building: boolean;
  material: PreviewMaterial;
  delegate?: string;
  view?: View;
  files: ShownFile[];
}

const LABELS: Record<PreviewMaterial, string> = {
  badges: "Badges",
  agenda: "Agenda",
  letters: "Letters",
  seating: "Seating",
  protocol: "Protocol",
  checkin: "Check-in lists",
  site: "Programme site",
};

/** The one page: the choice of material and delegate, then the pages, or the errors. */
export function indexPage(p: IndexPage): string {
  const event = p.state.kind === "built" ? p.state.event : undefined;
  const name = event ? eventName(event) : "the event";
  // Without JavaScript, a page made before the first build asks the browser to come back.
  const refresh = p.state.kind === "starting" ? html`<meta http-equiv="refresh" content="2">` : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}
<title>Preview · ${name}</title>
<link rel="stylesheet" href="/assets/preview.css">
<script src="/assets/reload.js" defer></script>
</head>
<body data-generation="${p.generation}">
<header>
<h1>Preview of ${name}</h1>
${chooser(p, event)}
<p id="status" role="status">${status(p)}</p>
</header>
<main>
${body(p)}
</main>
</body>
</html>
`.text;
}

function eventName(event: Event): string {
  const lang = event.config.defaultLanguage;
  return event.config.short_name ?? pick(event.config.name, lang, lang) ?? "the event";
}

function chooser(p: IndexPage, event: Event | undefined): Html {
  const materials = PREVIEW_MATERIALS.map(
    (m) => html`<option value="${m}"${m === p.material ? html` selected` : ""}>${LABELS[m]}</option>`,
  );
  const delegates = (event?.delegates ?? []).map(
    (d) =>
      html`<option value="${d.id}"${d.id === p.delegate ? html` selected` : ""}>${d.id} · ${latinName(d)}${d.nativeName && d.nativeName !== latinName(d) ? ` · ${d.nativeName}` : ""}</option>`,
  );
  return html`<form method="get" action="/">
<label>Material <select name="material">${materials}</select></label>
<label>Delegate <select name="delegate"><option value="">Everyone</option>${delegates}</select></label>
<button type="submit">Show</button>
</form>`;
}

function status(p: IndexPage): string {
  const s = p.state;
  const live = "the page reloads when a file of the event folder changes";
  if (s.kind === "starting") return "Building the preview…";
  const now = p.building ? "Rebuilding… " : "";
  if (s.kind === "invalid") return `${now}Nothing to show until the errors below are fixed; ${live}.`;
  return `${now}Built ${s.files.length} files in ${s.seconds.toFixed(1)} s; ${live}.`;
}

function body(p: IndexPage): Html {
  const s = p.state;
  if (s.kind === "starting")
    return html`<p>The first build is under way: the pages appear when it is done.</p>`;
  if (s.kind === "invalid") return errors(s);
  const warnings = [...s.warnings, ...s.problems];
  const shown = p.material === "site" ? site(p) : pagesOf(p);
  return html`${shown}${warnings.length > 0 ? html`<details class="warnings"><summary>${warnings.length} warning${warnings.length === 1 ? "" : "s"}</summary>${diagnosticList(warnings)}</details>` : ""}`;
}

function errors(s: Extract<PreviewState, { kind: "invalid" }>): Html {
  const n = s.diagnostics.length;
  return html`<section class="errors" aria-labelledby="errors">
<h2 id="errors">${n > 0 ? `${n} error${n === 1 ? "" : "s"}: ${s.message}` : `Error: ${s.message}`}</h2>
${n > 0 ? diagnosticList(s.diagnostics) : ""}
${s.hint ? html`<p class="hint">hint: ${s.hint}</p>` : ""}
</section>`;
}

/** `delegates.csv:12:4 error duplicate-id …`, as the terminal shows it, one item each. */
function diagnosticList(diagnostics: readonly Diagnostic[]): Html {
  return html`<ul class="diagnostics">${diagnostics.map(
    (d) =>
      html`<li class="${d.severity}"><code class="where">${where(d)}</code> <span class="severity">${d.severity}</span> ${d.code ? html`<code>${d.code}</code> ` : ""}<span class="message">${d.message}</span>${d.hint ? html`<br><span class="hint">hint: ${d.hint}</span>` : ""}</li>`,
  )}</ul>`;
}

/** A path of out/ as a URL path: each segment percent-encoded. */
export const urlPath = (rel: string) => rel.split("/").map(encodeURIComponent).join("/");

const where = (d: Diagnostic) =>
  d.line > 0 ? `${d.file}:${d.line}${d.column > 0 ? `:${d.column}` : ""}` : d.file;

/** Each PDF of the view: a link to the file, then its pages as images. */
function pagesOf(p: IndexPage): Html {
  const view = p.view;
  if (!view) return html``;
  const files = p.files.map((f) => {
    const more = f.total - f.pages.length;
    const v = f.sha256.slice(0, 12);
    if (f.error)
      return html`<section class="pdf">
<h3><a href="/files/${urlPath(f.path)}">${f.path}</a></h3>
<p class="note">Its pages cannot be drawn here (${f.error}): open the PDF.</p>
</section>`;
    return html`<section class="pdf">
<h3><a href="/files/${urlPath(f.path)}">${f.path}</a> <span class="count">(${f.total} page${f.total === 1 ? "" : "s"})</span></h3>
${f.pages.map((n) => html`<img src="/page/${urlPath(f.path)}?p=${n}&amp;v=${v}" alt="Page ${n} of ${f.path}" width="${f.width}" height="${f.height}" loading="lazy">`)}
${more > 0 && f.pages.length > 0 && f.pages[0] === 1 ? html`<p>…and ${more} more page${more === 1 ? "" : "s"}: open the PDF to see them all.</p>` : ""}
</section>`;
  });
  return html`<h2>${view.title}</h2>
${view.note ? html`<p class="note">${view.note}</p>` : ""}
${p.files.length === 0 && !view.note ? html`<p class="note">This build made no such file.</p>` : ""}
${files}`;
}

function site(p: IndexPage): Html {
  return html`<h2>Programme site</h2>
${p.delegate ? html`<p class="note">The site is the event's, the same for every delegate.</p>` : ""}
<p><a href="/site/">Open the site on its own</a></p>
<iframe src="/site/index.html" title="The programme site"></iframe>`;
}

/** The reload script: when a build finishes after this page was made, the page is made again. */
export const RELOAD_SCRIPT = `"use strict";
(() => {
  const generation = Number(document.body.dataset.generation);
  const status = document.getElementById("status");
  const events = new EventSource("/events");
  events.addEventListener("built", (e) => {
    if (Number(e.data) !== generation) location.reload();
  });
  events.addEventListener("building", () => {
    if (status) status.textContent = "Rebuilding…";
  });
  // Choosing in a list shows it at once; the button stays for pages without JavaScript.
  for (const select of document.querySelectorAll("form select"))
    select.addEventListener("change", () => select.form.submit());
})();
`;

export const STYLESHEET = `@font-face { font-family: "Pretendard"; font-weight: 400; src: url("/assets/pretendard-regular.woff2") format("woff2"); }
@font-face { font-family: "Pretendard"; font-weight: 700; src: url("/assets/pretendard-bold.woff2") format("woff2"); }
body, select, button, input { font-family: Pretendard, system-ui, sans-serif; }
body { margin: 0; background: #e8e8ea; color: #1b1b1f; }
header { background: #12355b; color: #fff; padding: 0.75rem 1rem; position: sticky; top: 0; z-index: 1; }
header h1 { font-size: 1.1rem; margin: 0 0 0.5rem; }
form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
#status { margin: 0.5rem 0 0; font-size: 0.9rem; }
main { padding: 1rem; }
img { display: block; max-width: 100%; height: auto; margin: 0 0 1rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
.pdf h3 { font-size: 1rem; font-weight: normal; }
.errors { background: #fff; border-left: 0.4rem solid #b00020; padding: 0.5rem 1rem; }
.diagnostics { list-style: none; padding: 0; }
.diagnostics li { margin: 0 0 0.75rem; }
.where { font-weight: bold; }
.error .severity { color: #b00020; }
.warning .severity { color: #8a5a00; }
.hint { color: #245; }
.warnings { background: #fff; padding: 0.5rem 1rem; }
iframe { width: 100%; height: 80vh; border: 1px solid #999; background: #fff; }
`;
