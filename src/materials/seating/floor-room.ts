import { type Diagnostic, diag } from "../../diagnostics.js";
import type { Event } from "../../model/types.js";
import type { FloorConfig } from "../../schema/event.js";
import type { TableSpec } from "../../seating/layout.js";
import { type HeadShape, headWidth, stageX } from "./floor-layout.js";

// The room of seating.floor in event.yaml: which one a seated room uses, and what of it cannot
// be drawn (said as `seating-floor` warnings, never silently dropped).

/** Every room of `seating.floor` and `seating.floors`. */
function floorsOf(event: Event): FloorConfig[] {
  const { floor, floors } = event.config.seating;
  return [...(floor ? [floor] : []), ...(floors ?? [])];
}

/** The floor of a room from event.yaml: the one naming the room, else the one naming none. */
export function floorFor(event: Event, roomId: string): FloorConfig | undefined {
  const all = floorsOf(event);
  return all.find((x) => x.room === roomId) ?? all.find((x) => x.room === undefined);
}

/** What of a room's description cannot be drawn: parts outside the walls. */
export function checkFloor(f: FloorConfig, head: TableSpec | undefined, shape: HeadShape = "long"): string[] {
  const out: string[] = [];
  const where = "seating.floor";
  if (f.stage && (stageX(f) + f.stage.width_m > f.width_m || f.stage.depth_m >= f.depth_m))
    out.push(`${where}.stage (${f.stage.width_m} × ${f.stage.depth_m} m) does not fit the room`);
  f.doors.forEach((d, i) => {
    const wall = d.wall === "top" || d.wall === "bottom" ? f.width_m : f.depth_m;
    if (d.at_m + d.width_m > wall)
      out.push(
        `${where}.doors[${i}] (at ${d.at_m} m, ${d.width_m} m wide) runs past the end of the ${d.wall} wall`,
      );
  });
  f.aisles.forEach((a, i) => {
    if (a.x_m + a.width_m > f.width_m || a.y_m + a.depth_m > f.depth_m)
      out.push(`${where}.aisles[${i}] reaches outside the room`);
  });
  if (head && headWidth(head.seats, shape) + 0.4 > f.width_m)
    out.push(
      `the head table of ${head.seats} seats (${headWidth(head.seats, shape).toFixed(1)} m) is longer than the room is wide`,
    );
  return out;
}

/** `seating.floor` entries naming a room where no session is seated: drawn nowhere, so said. */
export function floorRoomsUnused(event: Event, seated: readonly { room: { id: string } }[]): Diagnostic[] {
  const all = floorsOf(event);
  const rooms = new Set(seated.map((s) => s.room.id));
  return all
    .filter((x) => x.room !== undefined && !rooms.has(x.room))
    .map((x) =>
      floorDiag(
        `seating.floor names room "${x.room}", where no session has seating=assigned: it is not drawn`,
        `Use the id of the seated room in venues.csv (${[...rooms].join(", ") || "none is seated"}).`,
      ),
    );
}

export function floorDiag(message: string, hint?: string): Diagnostic {
  return diag(
    "seating-floor",
    "warning",
    { file: "event.yaml", field: "seating.floor" },
    message,
    hint ?? "Check the room's measurements in seating.floor (metres from the left wall and the stage wall).",
  );
}
