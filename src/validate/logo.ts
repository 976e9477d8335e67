import { type Diagnostic, diag } from "../diagnostics.js";
import type { EventConfig } from "../schema/event.js";

// `logo-contrast`: a logo drawn on a ground of (nearly) its own colour loses that part, as the
// example's white ring did on the programme's white cover. The colours of an SVG are read from
// its fill and stroke attributes and style properties; a raster logo (PNG, JPEG, GIF) is not
// sampled (decoding images is not worth a dependency here) and is not checked.

/** The logos of event.yaml's branding, as bytes (absent: not given, or not found). */
export interface LogoFiles {
  logo?: Uint8Array;
  logo_on_white?: Uint8Array;
}

/** Below this WCAG contrast ratio against its ground a colour is lost (white on #f0f0f0 is 1.1). */
export const MIN_LOGO_CONTRAST = 1.5;
/** A colour is one of the logo's dominant colours when it paints at least this share of its shapes. */
const DOMINANT_SHARE = 0.15;

type Rgb = [number, number, number];

const NAMED: Record<string, Rgb> = {
  white: [255, 255, 255],
  black: [0, 0, 0],
  red: [255, 0, 0],
  blue: [0, 0, 255],
  green: [0, 128, 0],
  yellow: [255, 255, 0],
  navy: [0, 0, 128],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  whitesmoke: [245, 245, 245],
  snow: [255, 250, 250],
  ivory: [255, 255, 240],
};

/** A CSS colour of an SVG paint: #rgb, #rrggbb, rgb(r, g, b) or a common name; else undefined. */
export function parseColour(text: string): Rgb | undefined {
  const t = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(t)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(t);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])].map((v) => Math.min(255, v)) as Rgb;
  return NAMED[t];
}

/**
 * The colours an SVG paints with and each one's share of the paints (one per fill or stroke
 * given; an element with no paint at all fills black, as SVG does). "none" and gradients are
 * left out.
 */
export function svgColours(svg: string): { colour: Rgb; hex: string; share: number }[] {
  const paints: string[] = [];
  const body = svg.replace(/<!--[^]*?-->/g, "");
  for (const m of body.matchAll(/\b(?:fill|stroke)\s*=\s*"([^"]*)"|\b(?:fill|stroke)\s*=\s*'([^']*)'/g))
    paints.push(m[1] ?? m[2] ?? "");
  for (const m of body.matchAll(/(?:^|[;"'\s{])(?:fill|stroke)\s*:\s*([^;"'}]+)/g)) paints.push(m[1] ?? "");
  // Shapes that name no paint at all are filled black.
  for (const m of body.matchAll(/<(path|circle|rect|ellipse|polygon|polyline|text)\b([^>]*)>/g))
    if (!/\b(fill|stroke)\s*[=:]/.test(m[2] ?? "")) paints.push("#000000");
  const counts = new Map<string, { colour: Rgb; n: number }>();
  for (const p of paints) {
    const c = parseColour(p);
    if (!c) continue;
    const hex = `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
    counts.set(hex, { colour: c, n: (counts.get(hex)?.n ?? 0) + 1 });
  }
  const total = [...counts.values()].reduce((s, x) => s + x.n, 0);
  return [...counts]
    .map(([hex, { colour, n }]) => ({ colour, hex, share: n / total }))
    .sort((a, b) => b.share - a.share);
}

/** WCAG 2 contrast ratio of two colours, 1 (the same) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const lum = (c: Rgb) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Where conclave draws the logos, on which ground: the programme's cover on white (the logo for
 * white grounds when given), the letterhead on a plate of the primary colour unless a logo for
 * white grounds is given (then on the white page), the badge header on the primary colour.
 */
export function logoGrounds(
  config: EventConfig,
): { material: string; ground: string; setting: "logo" | "logo_on_white" }[] {
  const primary = config.branding.primary ?? "#1f4e79";
  const onWhite = config.branding.logo_on_white !== undefined;
  const out: { material: string; ground: string; setting: "logo" | "logo_on_white" }[] = [
    { material: "the programme's cover", ground: "#ffffff", setting: onWhite ? "logo_on_white" : "logo" },
    { material: "the badge header", ground: primary, setting: "logo" },
  ];
  // A letterhead logo of its own (letters.letterhead.logo) is the letters' business.
  if (!config.letters.letterhead.logo)
    out.push(
      onWhite
        ? { material: "the letterhead", ground: "#ffffff", setting: "logo_on_white" }
        : { material: "the letterhead", ground: primary, setting: "logo" },
    );
  return out;
}

/** `logo-contrast` warnings: a dominant colour of an SVG logo too close to a ground it is drawn on. */
export function checkLogoContrast(config: EventConfig, files: LogoFiles): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byLogo = new Map<"logo" | "logo_on_white", { material: string; ground: string }[]>();
  for (const g of logoGrounds(config)) byLogo.set(g.setting, [...(byLogo.get(g.setting) ?? []), g]);
  for (const [setting, grounds] of byLogo) {
    const name = config.branding[setting];
    const bytes = files[setting];
    if (!name || !bytes || !/\.svg$/i.test(name)) continue;
    const dominant = svgColours(new TextDecoder().decode(bytes)).filter((c) => c.share >= DOMINANT_SHARE);
    for (const g of grounds) {
      const ground = parseColour(g.ground);
      if (!ground) continue;
      const lost = dominant.filter((c) => contrastRatio(c.colour, ground) < MIN_LOGO_CONTRAST);
      if (lost.length === 0) continue;
      const at = config.at?.[`branding.${setting}`];
      const white = g.ground === "#ffffff";
      out.push(
        diag(
          "logo-contrast",
          "warning",
          {
            file: at?.file ?? "event.yaml",
            line: at?.line ?? 0,
            column: at?.column ?? 0,
            field: `branding.${setting}`,
          },
          `branding.${setting}: ${name} paints ${Math.round(lost.reduce((s, c) => s + c.share, 0) * 100)}% of its shapes in ${lost.map((c) => c.hex).join(", ")}, which vanishes on the ${white ? "white" : `${g.ground}`} ground of ${g.material} (contrast ${contrastRatio(lost[0]!.colour, ground).toFixed(2)}, under ${MIN_LOGO_CONTRAST})`,
          white && setting === "logo"
            ? "Add branding.logo_on_white: a version of the logo for white grounds (its white parts in a dark colour)."
            : white
              ? `Redraw ${name} for a white ground: its light parts in a dark colour.`
              : "Choose a branding.primary that the logo's colours stand out on, or a logo drawn for that colour.",
        ),
      );
    }
  }
  return out;
}
