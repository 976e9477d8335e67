import path from "node:path";
import { writeCsv } from "../../csv/write.js";
import { diag } from "../../diagnostics.js";
import { packsInEffect } from "../../i18n/active.js";
import { nameIn } from "../../model/names.js";
import { rankOf } from "../../model/precedence.js";
import { pdfTimestamp } from "../../render/typst.js";
import { pdfTitle, themeOf } from "../common.js";
import type { MaterialContext, MaterialResult } from "../context.js";
import { keepPhrases, keepWholePattern, noBreakMatcher } from "../typography.js";
import { planCatererList, planProtocolList, protocolGuests, protocolLanguages } from "./plan.js";

/**
 * `conclave protocol`: into out/protocol/, the protocol list (guests by precedence with title,
 * interpreter, liaison officer, arrival and departure) as one PDF per protocol language and one
 * CSV, and the caterer's list (dietary needs per table, totals) as PDF and CSV. Tables come from
 * the seating plan of this build, or of the last one.
 */
export async function makeProtocol(ctx: MaterialContext): Promise<MaterialResult> {
  const started = performance.now();
  const { event, writer } = ctx;
  const { config } = event;
  const theme = themeOf(event, ctx.fontFamilies);
  const timestamp = pdfTimestamp(config.start, process.env);
  const languages = protocolLanguages(event);
  const tables = ctx.tables;
  let files = 0;
  let pages = 0;
  let bytes = 0;
  const write = async (file: string, data: Uint8Array | string) => {
    const entry = await writer.write(`protocol/${file}`, data, "protocol");
    files++;
    bytes += entry.size;
  };
  const lists = languages.map((lang) => planProtocolList(event, lang, tables));
  // The caterer reads the host's language (the first protocol language).
  const caterer = planCatererList(event, languages[0]!, tables);
  // Positions such as "Ủy ban nhân dân Thành phố Hồ Chí Minh" never split inside a place name.
  const noBreak = noBreakMatcher(event);
  // What the template's keep-whole rule never splits: the packs' country names, spans of numbers.
  const keepWhole = keepWholePattern(packsInEffect().values());
  const compiled = await Promise.all([
    ...lists.map((list) =>
      ctx.render({
        template: "protocol-list.typ",
        data: {
          ...keepPhrases({ theme, lang: list.lang, list }, noBreak),
          keep_whole_pattern: keepWhole,
          pdf_title: pdfTitle(event, list.lang, "protocol"),
        },
        timestamp,
      }),
    ),
    ctx.render({
      template: "protocol-list.typ",
      data: {
        ...keepPhrases({ theme, lang: caterer.lang, list: caterer }, noBreak),
        keep_whole_pattern: keepWhole,
        pdf_title: pdfTitle(event, caterer.lang, "caterer"),
      },
      timestamp,
    }),
  ]);
  for (const [k, list] of lists.entries()) {
    await write(`protocol-list-${list.lang}.pdf`, compiled[k]!.pdf);
    pages += compiled[k]!.pages;
  }
  await write("caterer.pdf", compiled.at(-1)!.pdf);
  pages += compiled.at(-1)!.pages;
  const guests = protocolGuests(event);
  await write(
    "protocol-list.csv",
    writeCsv(
      [
        "order",
        "delegate_id",
        "name",
        "country",
        "rank_from",
        "rank",
        ...lists.flatMap((l) => [`name_${l.lang}`, `title_${l.lang}`]),
        "interpreter",
        "liaison",
        "arrival",
        "departure",
        "table",
      ],
      guests.map((d, k) => {
        const r = rankOf(d);
        const first = lists[0]!.entries[k]!;
        return [
          String(k + 1),
          d.id,
          nameIn(d, "en"),
          d.country,
          r.source,
          String(r.value),
          ...lists.flatMap((l) => [l.entries[k]!.name, l.entries[k]!.position]),
          first.interpreter,
          first.liaison,
          d.travel.arrival ?? "",
          d.travel.departure ?? "",
          tables?.get(d.id) ?? "",
        ];
      }),
    ),
  );
  await write(
    "caterer.csv",
    writeCsv(
      ["table", "guests", "need", "count", "names"],
      [
        ...caterer.tables.flatMap((t) =>
          t.needs.length === 0
            ? [[t.table, String(t.guests), "", "0", ""]]
            : t.needs.map((n) => [t.table, String(t.guests), n.need, String(n.count), n.guests.join("; ")]),
        ),
        ...caterer.totals.map((n) => [
          caterer.words.total,
          String(caterer.covers),
          n.need,
          String(n.count),
          "",
        ]),
      ],
    ),
  );
  writer.complete("protocol", (p) => p.startsWith("protocol/"));
  // A liaison set for a guest who is not in delegates.csv is printed for nobody: say so.
  const problems = Object.keys(config.protocol.liaisons)
    .filter((id) => !event.delegateById.has(id))
    .map((id) =>
      diag(
        "unknown-reference",
        "warning",
        { file: "event.yaml", field: "protocol.liaisons" },
        `protocol.liaisons names ${id}, who is not in ${config.files.delegates}: that liaison officer is on no one's line`,
        "Use the guest's id from delegates.csv as the key.",
      ),
    );
  const needs = caterer.totals.reduce((s, n) => s + n.count, 0);
  return {
    material: "protocol",
    files,
    pages,
    bytes,
    seconds: (performance.now() - started) / 1000,
    ...(problems.length > 0 ? { problems } : {}),
    summary: `${guests.length} guests by precedence in ${languages.join(", ")}; caterer's list: ${caterer.covers} covers, ${needs} dietary need${needs === 1 ? "" : "s"}${tables ? "" : " (no seating plan: no tables)"} → ${path.join(writer.root, "protocol")}`,
  };
}
