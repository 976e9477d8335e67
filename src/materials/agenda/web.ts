import type { ProgrammeData, ProgrammeItem } from "./plan.js";

/** Escapes text for Markdown so a title such as `*Opening* [1]` prints as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

function itemLines(it: ProgrammeItem): string[] {
  const out = [`### ${escapeMarkdown(it.time)} · ${escapeMarkdown(it.title)}`, ""];
  const place = [it.room, it.venue, it.address].filter(Boolean).join(", ");
  const facts = [it.type, it.section?.name, place].filter(Boolean);
  if (facts.length > 0) out.push(`*${facts.map((f) => escapeMarkdown(f!)).join(" · ")}*`, "");
  for (const p of it.speakers)
    out.push(`- ${escapeMarkdown(p.name)}${p.detail ? `, ${escapeMarkdown(p.detail)}` : ""}`);
  if (it.moderator)
    out.push(
      `- ${escapeMarkdown(it.moderator.name)}${it.moderator.detail ? `, ${escapeMarkdown(it.moderator.detail)}` : ""} (${escapeMarkdown(it.moderatorLabel)})`,
    );
  if (it.speakers.length > 0 || it.moderator) out.push("");
  if (it.description) out.push(escapeMarkdown(it.description), "");
  return out;
}

/**
 * The programme as Markdown for a website or a mailing:
 *
 *   # Korea–Viet Nam CEO Conference
 *   ## Tuesday, 20 June 2023
 *   ### 09:00–09:45 · Opening ceremony
 *   *Ceremony · Grand Hall, Saigon Riverside Hotel*
 */
export function programmeMarkdown(p: ProgrammeData): string {
  const out = [
    `# ${escapeMarkdown(p.cover.name)}`,
    "",
    `${escapeMarkdown(p.cover.dates)} · ${escapeMarkdown(p.cover.city)}`,
    "",
  ];
  for (const day of p.days) {
    out.push(`## ${escapeMarkdown(day.label)}`, "");
    for (const block of day.blocks) {
      for (const col of block.columns) for (const it of col.items) out.push(...itemLines(it));
    }
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/**
 * The programme as JSON for a website: a stable structure documented in docs/agenda.md.
 * Versioned by `format`, so a site can check what it reads.
 */
export function programmeJson(programmes: ProgrammeData[]): string {
  const languages = Object.fromEntries(
    programmes.map((p) => [
      p.lang,
      {
        name: p.cover.name,
        dates: p.cover.dates,
        city: p.cover.city,
        sections: p.sections,
        days: p.days.map((d) => ({
          date: d.date,
          label: d.label,
          sessions: d.blocks.flatMap((b) =>
            b.columns.flatMap((c) =>
              c.items.map((it) => ({
                id: it.id,
                start: it.start,
                end: it.end,
                parallel: b.parallel,
                title: it.title,
                type: it.type,
                section: it.section?.name ?? null,
                room: it.room,
                venue: it.venue,
                address: it.address ?? null,
                description: it.description ?? null,
                speakers: it.speakers,
                moderator: it.moderator ?? null,
              })),
            ),
          ),
        })),
      },
    ]),
  );
  return `${JSON.stringify({ format: "conclave-programme/1", languages }, null, 2)}\n`;
}
