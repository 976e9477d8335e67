import { loadEventFolder } from "../src/load/event-folder.js";
import { planSeating } from "../src/seating/banquet.js";
import { DEFAULT_WEIGHTS } from "../src/seating/score.js";
import { checkEvent } from "../src/validate/index.js";

const loaded = await loadEventFolder(process.argv[2] ?? "fixtures/cicon-2023");
const r = checkEvent(loaded.input);
if (!r.event) {
  console.log(r.diagnostics.filter((d) => d.severity === "error").slice(0, 5));
  process.exit(1);
}
const ev = r.event;
for (const session of ev.sessions.filter((s) => s.seating === "assigned")) {
  const t = performance.now();
  const res = planSeating({
    event: ev,
    session,
    weights: DEFAULT_WEIGHTS,
    seed: 1,
    timeLimitMs: Number(process.argv[3] ?? 2000),
  });
  console.log(session.id, ((performance.now() - t) / 1000).toFixed(2), "s", res.iterations, "iter");
  console.log(JSON.stringify(res.report.hard.map((h) => [h.rule, h.ok, h.violations.slice(0, 3)])));
  console.log(res.report.soft.map((s) => `${s.rule}: ${s.count} → ${s.contribution}`).join("\n"));
  console.log(res.report.problems.slice(0, 10).join("\n"), res.report.problems.length);
  console.log(
    res.seats
      .filter((s) => s.table === "head")
      .map((s) => `${s.seat}:${s.delegate}`)
      .join(" "),
  );
  console.log(res.report.tables.map((t) => `${t.table}:${t.guests}${t.countries.join("/")}`).join(" "));
}
