/**
 * Where a logo is drawn so that all of it stays visible. The CICON emblem is a white ring and a red
 * one: on a white letterhead or a white box the white ring vanishes. Each colour of an SVG logo is
 * checked against the ground it would sit on; where one would vanish, the logo is drawn on a plate
 * that keeps every colour visible, or its `branding.logo_on_white` variant is used on white.
 * Templates draw the result with `logo-plate` (templates/lib/theme.typ).
 */

/** What a template needs to draw a logo: the image and the colour of the plate behind it, if any. */
export interface LogoPlacement {
  src: string;
  /** A plate of this colour goes behind the logo; null: the logo sits on the ground as it is. */
  plate: string | null;
  /** The colour the logo is seen against: the plate, or the ground. */
  ground: string;
  /** What the logo says, for a reader who cannot see it (a tagged PDF's alt text). */
  alt?: string;
}

/** Every colour of the logo at least this far from its ground (WCAG contrast ratio). */
export const LOGO_MIN_CONTRAST = 2;

const NAMED: Record<string, string> = {
  white: "#ffffff",
  black: "#000000",
  red: "#ff0000",
  blue: "#0000ff",
  green: "#008000",
  yellow: "#ffff00",
  navy: "#000080",
  gray: "#808080",
  grey: "#808080",
  currentcolor: "#000000",
};

/** "#abc", "#aabbcc" or a common colour name → "#aabbcc"; anything else (none, url(…)) → undefined. */
export function hex(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join("")}`;
  return NAMED[v];
}

/**
 * The fill and stroke colours an SVG names, in attributes or style: `fill="#fff"`,
 * `style="stroke: #c8102e"`. Empty for raster images (their colours are not read).
 */
export function svgColours(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(bytes.subarray(0, 1 << 20));
  if (!/<svg[\s>]/i.test(text)) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:fill|stroke|stop-color)\s*(?:=\s*["']|:\s*)([^"';)\s]+)/gi)) {
    const c = hex(m[1]!);
    if (c) out.add(c);
  }
  return [...out];
}

function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two "#rrggbb" colours, 1 (same) to 21 (black on white). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const isLight = (colour: string) => luminance(colour) > 0.5;

const worst = (colours: readonly string[], ground: string) =>
  Math.min(...colours.map((c) => contrast(c, ground)));

/**
 * How to draw a logo on a ground of colour `ground` (the page, a cover): as it is when every
 * colour stands out from the ground; on a light ground the `onWhite` variant when the event has
 * one; else on a plate of the event's primary colour, else white, else near-black: the first that
 * keeps every colour visible (failing all, the one that keeps the least visible colour most so). A raster logo (colours unknown) is drawn as it is.
 */
export function placeLogo(options: {
  logo: { path: string; bytes: Uint8Array };
  onWhite?: { path: string; bytes: Uint8Array } | undefined;
  ground: string;
  primary: string;
}): LogoPlacement {
  const { logo, onWhite, ground, primary } = options;
  const g = hex(ground) ?? "#ffffff";
  if (onWhite && isLight(g)) return { src: onWhite.path, plate: null, ground: g };
  const colours = svgColours(logo.bytes);
  if (colours.length === 0 || worst(colours, g) >= LOGO_MIN_CONTRAST)
    return { src: logo.path, plate: null, ground: g };
  const plates = [hex(primary) ?? "#1f4e79", "#ffffff", "#222222"];
  const best =
    plates.find((p) => worst(colours, p) >= LOGO_MIN_CONTRAST) ??
    plates.reduce((a, b) => (worst(colours, b) > worst(colours, a) ? b : a));
  return { src: logo.path, plate: best, ground: best };
}
