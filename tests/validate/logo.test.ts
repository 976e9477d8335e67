import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { svgPaints } from "../../src/validate/logo.js";
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
    const colours = svgPaints(
      `<svg><circle fill="none" stroke="#FFF"/><rect style="fill: #c8102e"/><path d="M0 0"/></svg>`,
    );
    expect(colours.map((c) => [c.hex, Math.round(c.share * 100)])).toEqual([
      ["#ffffff", 33],
      ["#c8102e", 33],
      ["#000000", 33],
    ]);
  });

  it("is silent for the example's white and red rings: the cover and letterhead put them on a plate", () => {
    expect(
      contrast("branding:\n  logo: logo.svg\n  primary: '#12355b'\n", { logo: svg("#ffffff", "#c8102e") }),
    ).toEqual([]);
    expect(
      contrast("branding:\n  logo: logo.svg\n  logo_on_white: logo-w.svg\n  primary: '#12355b'\n", {
        logo: svg("#ffffff", "#c8102e"),
        logo_on_white: svg("#12355b", "#c8102e"),
      }),
    ).toEqual([]);
  });

  it("warns at branding.logo when a colour vanishes on the badge header's primary colour", () => {
    const d = contrast("branding:\n  logo: logo.svg\n  primary: '#12355b'\n", {
      logo: svg("#14385e", "#c8102e"),
    });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: "warning",
      file: "event.yaml",
      line: 8,
      column: 9,
      field: "branding.logo",
    });
    expect(d[0]!.message).toContain("#14385e");
    expect(d[0]!.message).toContain("the badge header");
  });

  it("warns where no plate keeps every colour visible: a white and a navy ring", () => {
    const d = contrast("branding:\n  logo: logo.svg\n  primary: '#12355b'\n", {
      logo: svg("#ffffff", "#12355b"),
    });
    expect(new Set(d.map((x) => x.message.match(/ground of (.*) \(/)?.[1]))).toEqual(
      new Set(["the programme's cover", "the letterhead", "the badge header"]),
    );
  });

  it("skips raster logos (not sampled) and logos it was not given", () => {
    expect(contrast("branding:\n  logo: logo.png\n", { logo: new Uint8Array([137, 80, 78, 71]) })).toEqual(
      [],
    );
    expect(contrast("branding:\n  logo: logo.svg\n", {})).toEqual([]);
  });
});
