import { type Diagnostic, diag } from "../diagnostics.js";
import { contrast, hex, placeLogo } from "../materials/logo.js";
import type { EventConfig } from "../schema/event.js";

// `logo-contrast`: a logo drawn on a ground of (nearly) its own colour loses that part, as the
// example's white ring did on a white cover. The programme and the letterhead place the logo
// (src/materials/logo.ts placeLogo: the logo for white grounds, or a plate); what is left is a
// dominant colour still too close to the ground it ends up on. The colours of an SVG are read from
// its fill and stroke attributes and style properties; a raster logo (PNG, JPEG, GIF) is not
// sampled (decoding images is not worth a dependency here) and is not checked.

/** The logos of event.yaml's branding, as bytes (absent: not given, or not found). */
export interface LogoFiles {
  logo?: Uint8Array;
  logo_on_white?: Uint8Array;
}

/** The primary colour when event.yaml sets none (src/materials/common.ts themeOf). */
const DEFAULT_PRIMARY = "#1f4e79";

/** Below this WCAG contrast ratio against its ground a colour is lost (white on #f0f0f0 is 1.1). */
export const MIN_LOGO_CONTRAST = 1.5;
/** A colour is one of the logo's dominant colours when it paints at least this share of its shapes. */
const DOMINANT_SHARE = 0.15;

/**
 * The colours an SVG paints with and each one's share of the paints (one per fill or stroke
 * given; an element with no paint at all fills black, as SVG does). "none" and gradients are
 * left out.
 */
export function svgPaints(svg: string): { hex: string; share: number }[] {
  const paints: string[] = [];
  const body = svg.replace(/<!--[\s\S]*?-->/g, "");
  for (const m of body.matchAll(/\b(?:fill|stroke)\s*=\s*"([^"]*)"|\b(?:fill|stroke)\s*=\s*'([^']*)'/g))
    paints.push(m[1] ?? m[2] ?? "");
  for (const m of body.matchAll(/(?:^|[;"'\s{])(?:fill|stroke)\s*:\s*([^;"'}]+)/g)) paints.push(m[1] ?? "");
  // Shapes that name no paint at all are filled black.
  for (const m of body.matchAll(/<(path|circle|rect|ellipse|polygon|polyline|text)\b([^>]*)>/g))
    if (!/\b(fill|stroke)\s*[=:]/.test(m[2] ?? "")) paints.push("#000000");
  const counts = new Map<string, number>();
  for (const p of paints) {
    const c = hex(p);
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  return [...counts].map(([c, n]) => ({ hex: c, share: n / total })).sort((a, b) => b.share - a.share);
}

/**
 * Where conclave draws the logo and on what: the programme's cover (the primary colour) and the
 * letterhead (the white page) through placeLogo, which takes the logo for white grounds or a plate
 * where a colour would vanish; the badge header on the primary colour as it is. The ground each
 * is finally seen against, and which file.
 */
export function logoGrounds(
  config: EventConfig,
  files: LogoFiles,
): { material: string; ground: string; setting: "logo" | "logo_on_white" }[] {
  const primary = config.branding.primary ?? DEFAULT_PRIMARY;
  const logo = files.logo ? { path: "logo", bytes: files.logo } : undefined;
  const onWhite = files.logo_on_white ? { path: "logo_on_white", bytes: files.logo_on_white } : undefined;
  if (!logo) return [];
  const placed = (material: string, ground: string) => {
    const p = placeLogo({ logo, onWhite, ground, primary });
    return { material, ground: p.ground, setting: p.src as "logo" | "logo_on_white" };
  };
  return [
    placed("the programme's cover", primary),
    // A letterhead logo of its own (letters.letterhead.logo) is the letters' business.
    ...(config.letters.letterhead.logo ? [] : [placed("the letterhead", "#ffffff")]),
    { material: "the badge header", ground: primary, setting: "logo" as const },
  ];
}

/** `logo-contrast` warnings: a dominant colour of an SVG logo too close to the ground it is seen on. */
export function checkLogoContrast(config: EventConfig, files: LogoFiles): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const g of logoGrounds(config, files)) {
    const name = config.branding[g.setting];
    const bytes = files[g.setting];
    if (!name || !bytes || !/\.svg$/i.test(name)) continue;
    const dominant = svgPaints(new TextDecoder().decode(bytes)).filter((c) => c.share >= DOMINANT_SHARE);
    const lost = dominant.filter((c) => contrast(c.hex, g.ground) < MIN_LOGO_CONTRAST);
    if (lost.length === 0) continue;
    const at = config.at?.[`branding.${g.setting}`];
    const white = g.ground === "#ffffff";
    out.push(
      diag(
        "logo-contrast",
        "warning",
        {
          file: at?.file ?? "event.yaml",
          line: at?.line ?? 0,
          column: at?.column ?? 0,
          field: `branding.${g.setting}`,
        },
        `branding.${g.setting}: ${name} paints ${Math.round(lost.reduce((s, c) => s + c.share, 0) * 100)}% of its shapes in ${lost.map((c) => c.hex).join(", ")}, which vanishes on the ${white ? "white" : g.ground} ground of ${g.material} (contrast ${contrast(lost[0]!.hex, g.ground).toFixed(2)}, under ${MIN_LOGO_CONTRAST})`,
        white && g.setting === "logo"
          ? "Add branding.logo_on_white: a version of the logo for white grounds (its white parts in a dark colour)."
          : white
            ? `Redraw ${name} for a white ground: its light parts in a dark colour.`
            : "Choose a branding.primary that the logo's colours stand out on, or a logo drawn for that colour.",
      ),
    );
  }
  return out;
}
