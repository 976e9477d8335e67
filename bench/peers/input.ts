import { loadEventFolder } from "../../src/load/event-folder.js";
import { bundledFontFiles, bundledMeasurer } from "../../src/load/fonts.js";
import { planBadges } from "../../src/materials/badges/plan.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { checkEvent } from "../../src/validate/index.js";
import type { PeerInput } from "./faces.js";

/**
 * The texts conclave prints on an event's badges (a6-4up, duplex), ready-made for the peers:
 * they draw the same faces without validating or laying anything out themselves.
 */
export async function peerInputFor(eventDir: string): Promise<PeerInput> {
  const loaded = await loadEventFolder(eventDir);
  const event = checkEvent(loaded.input).event!;
  const plan = planBadges(event, {
    stock: STOCKS["a6-4up"]!,
    sort: "family",
    skip: 0,
    calibrate: false,
    back: true,
    cutMarks: true,
    offset: [0, 0],
    fonts: ["Pretendard"],
    measurer: bundledMeasurer(),
  });
  const [regular, , , bold] = bundledFontFiles() as [string, string, string, string];
  const back = plan.data.backs.en!;
  return {
    event: plan.data.event.short.lines.join(" "),
    eventLine: plan.data.event.line.lines[0] ?? "",
    back: back.runs.map((r) => r.text),
    faces: plan.data.badges.map((b, i) => ({
      name: b.name,
      native: b.native,
      position: b.position,
      organisation: b.organisation,
      country: b.country,
      label: b.label,
      colour: plan.data.bands[b.band]!.colour,
      qr: plan.qr[i]?.text ?? b.name,
    })),
    fonts: { regular, bold },
  };
}
