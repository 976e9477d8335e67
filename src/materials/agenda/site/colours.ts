/**
 * WCAG 2.1 contrast for the site's branding colours. A brand colour that white text (or the page's
 * white ground) cannot be read against at AA (4.5:1 for body text) is darkened until it can, and
 * the site says so in its build summary (docs/site.md).
 */

function channels(hex: string): [number, number, number] {
  const h = hex.replace(/^#/, "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/** Relative luminance (WCAG 2.1, 1.4.3). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 to 21: `contrast("#ffffff", "#000000") === 21`. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface ReadableColour {
  /** The colour the site uses. */
  colour: string;
  /** What event.yaml gave, when it had to be darkened. */
  darkenedFrom?: string;
  /** Its contrast against the ground it was checked on. */
  ratio: number;
}

/**
 * `colour` as it is, if text of it on `ground` (or `ground` text on it) reaches `ratio`; else mixed
 * with black in steps of 2 % until it does. Against white, black always gets there.
 *   readableOn("#d17a22", "#ffffff") → { colour: "#a9631b", darkenedFrom: "#d17a22", ratio: 4.6… }
 */
export function readableOn(colour: string, ground: string, ratio = 4.5): ReadableColour {
  const rgb = channels(colour);
  const given = toHex(rgb);
  for (let step = 0; step <= 50; step++) {
    const c = toHex(rgb.map((x) => x * (1 - step / 50)));
    const r = contrast(c, ground);
    if (r >= ratio) return { colour: c, ratio: r, ...(step > 0 ? { darkenedFrom: given } : {}) };
  }
  return { colour: "#000000", ratio: contrast("#000000", ground), darkenedFrom: given };
}
