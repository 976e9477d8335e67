import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { contrastRatio, parseColour, svgColours } from "../../src/validate/logo.js";
import { makeInput } from "../helpers/make.js";

const svg = (...paints: string[]) =>
  new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${paints
      .map(
        (p, i) => `<circle cx="${30 + i * 20}" cy="50" r="20" fill="none" stroke="${p}" stroke-width="8"/>`,
      )
      .join("")}</svg>`,
  );

function contrast(config: string, logos: Parameters<typeof checkEvent>[0]["logos"]) {
  const input = makeInput({ config });
  // baseConfigYaml is 6 lines: branding: is line 7, its logo line 8.
  return checkEvent({ ...input, logos }).diagnostics.filter((d) => d.code === "logo-contrast");
}

describe("logo-contrast", () => {
  it("reads the colours an SVG paints with and their shares, black for a shape with no paint", () => {
    const colours = svgColours(
      `<svg><circle fill="none" stroke="#FFF"/><rect style="fill: rgb(200, 16, 46)"/><path d="M0 0"/></svg>`,
    );
    expect(colours.map((c) => [c.hex, Math.round(c.share * 100)])).toEqual([
      ["#ffffff", 33],
      ["#c8102e", 33],
      ["#000000", 33],
    ]);
    expect(parseColour("white")).toEqual([255, 255, 255]);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([255, 255, 255], [250, 250, 250])).toBeLessThan(1.1);
  });

  it("warns at branding.logo when a white logo is drawn on the programme's white cover", () => {
    const d = contrast("branding:\n  logo: logo.svg\n  primary: '#12355b'\n", {
      logo: svg("#ffffff", "#c8102e"),
    });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: "warning",
      file: "event.yaml",
      line: 8,
      column: 9,
      field: "branding.logo",
    });
    expect(d[0]!.message).toContain("programme's cover");
    expect(d[0]!.message).toContain("#ffffff");
    expect(d[0]!.hint).toContain("branding.logo_on_white");
  });

  it("is silent with a logo for white grounds, and for a dark logo on white", () => {
    expect(
      contrast("branding:\n  logo: logo.svg\n  logo_on_white: logo-w.svg\n  primary: '#12355b'\n", {
        logo: svg("#ffffff", "#c8102e"),
        logo_on_white: svg("#12355b", "#c8102e"),
      }),
    ).toEqual([]);
    expect(
      contrast("branding:\n  logo: logo.svg\n  primary: '#c8102e'\n", { logo: svg("#12355b", "#000000") }),
    ).toEqual([]);
  });

  it("warns when the logo's colour is close to the primary colour its plate is drawn in", () => {
    const d = contrast("branding:\n  primary: '#12355b'\n  logo: logo.svg\n", {
      logo: svg("#14385e", "#c8102e"),
    });
    expect(d.map((x) => x.message.match(/ground of (.*) \(/)?.[1])).toEqual([
      "the badge header",
      "the letterhead",
    ]);
  });

  it("skips raster logos (not sampled) and logos it was not given", () => {
    expect(contrast("branding:\n  logo: logo.png\n", { logo: new Uint8Array([137, 80, 78, 71]) })).toEqual(
      [],
    );
    expect(contrast("branding:\n  logo: logo.svg\n", {})).toEqual([]);
  });
});
