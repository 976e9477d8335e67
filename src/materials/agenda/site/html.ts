import { needsCleaning, removeInvisible } from "../../../schema/clean.js";

/**
 * HTML that is already safe: made by the `html` tag below, never from data directly. The site's
 * pages are built from these, so a value reaches a page only through `escapeHtml`.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Anything escapeHtml would change: most values (times, ids, paths) have none of it. */
const CHANGED =
  /[&<>"'\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const SPECIAL: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * The one escape of the site: text (an element's content or an attribute's value in double or
 * single quotes) as HTML shows it literally. Control, bidi and zero-width characters go first, by
 * the same rule as the CSV cells (src/schema/clean.ts): a right-to-left override in a title would
 * otherwise turn the rest of its line around.
 *
 *   escapeHtml(`<script>alert("x")</script> & 'y'`)
 *     → "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
 */
export function escapeHtml(value: string): string {
  if (!CHANGED.test(value)) return value;
  const clean = needsCleaning(value) ? removeInvisible(value) : value;
  return clean.replace(/[&<>"']/g, (c) => SPECIAL[c]!);
}

/** What a page template may interpolate: text is escaped, Html kept, lists joined, nothing dropped. */
export type Part = string | number | Html | undefined | null | false | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return "";
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/**
 * A piece of a page: the literal parts as written, every value escaped.
 *
 *   html`<h1 lang="${"ko"}">${"<b>"}</h1>`.text === '<h1 lang="ko">&lt;b&gt;</h1>'
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** ` lang="ko"` where a text's language differs from the page's, else nothing. */
export function langAttr(textLang: string | undefined, pageLang: string): Html {
  return textLang && textLang !== pageLang ? html` lang="${textLang}"` : new Html("");
}
