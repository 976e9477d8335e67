import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEvent } from "../../bench/generate.js";
import { scheduleFiles, uuidV5 } from "../../src/materials/agenda/schedule.js";
import { parseEventConfig } from "../../src/schema/event.js";
import { checkEvent } from "../../src/validate/index.js";
import { conclave, root } from "../helpers/cli.js";

/*
 * schedule.xml and schedule.json, the programme for schedule apps, checked by the C3VOC schema
 * files (../shared/oracles/voc-schedule/: the XSD with xmllint, schema2.json with ajv) and read
 * back against sessions.csv.
 */
const oracle = path.resolve(root, "../shared/oracles/voc-schedule");
if (!existsSync(oracle))
  throw new Error(
    `${oracle} is missing: the C3VOC schema files come from ../shared/ beside the clone (CI has it)`,
  );
const xsd = path.join(oracle, "schedule.xml.xsd");

function xmllint(file: string): { code: number; out: string } {
  const r = spawnSync("xmllint", ["--noout", "--schema", xsd, file], { encoding: "utf8" });
  if (r.error)
    throw new Error("xmllint is not installed: apt-get install -y libxml2-utils (.ci/run installs it)");
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// The schema's own format for colours: "#12355b".
ajv.addFormat("color", /^#[0-9a-fA-F]{6}$/);
const require = createRequire(import.meta.url);
ajv.addMetaSchema(
  JSON.parse(readFileSync(require.resolve("ajv/dist/refs/json-schema-draft-06.json"), "utf8")),
);
const validateJson = ajv.compile(JSON.parse(readFileSync(path.join(oracle, "schema2.json"), "utf8")));

function jsonErrors(text: string): string[] {
  return validateJson(JSON.parse(text))
    ? []
    : (validateJson.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const children = (e: Element, name: string) => Array.from(e.getElementsByTagName(name));
const text = (e: Element, name: string) => e.getElementsByTagName(name)[0]?.textContent ?? "";

let tmp: string;
let event: string;
const outOf = (name: string) => path.join(tmp, name, "agenda");

async function agenda(name: string): Promise<{ xml: string; json: string }> {
  const r = conclave(["agenda", event, "--no-personal", "--out", path.join(tmp, name)]);
  expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(r.code).toBe(0);
  return {
    xml: await readFile(path.join(outOf(name), "schedule.xml"), "utf8"),
    json: await readFile(path.join(outOf(name), "schedule.json"), "utf8"),
  };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-schedule-"));
  event = path.join(tmp, "event");
  await cp(path.join(root, "fixtures/cicon-2023"), event, { recursive: true });
  await rm(path.join(event, "out"), { recursive: true, force: true });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("UUID v5", () => {
  it("is RFC 4122's: the vectors Python's uuid module gives", () => {
    const dns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    expect(uuidV5("python.org", dns)).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    expect(uuidV5("http://python.org/", "6ba7b811-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "4c565f0d-3f5a-5890-b41b-20cf47701c5e",
    );
  });
});

describe("schedule exports of the example", () => {
  it("pass the C3VOC XSD (xmllint) and JSON Schema (ajv)", async () => {
    await agenda("a");
    const lint = xmllint(path.join(outOf("a"), "schedule.xml"));
    expect(lint.out).toContain("validates");
    expect(lint.code).toBe(0);
    expect(jsonErrors(await readFile(path.join(outOf("a"), "schedule.json"), "utf8"))).toEqual([]);
  });

  it("say for every session of sessions.csv its start, duration and room", async () => {
    const { xml } = await agenda("a");
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const events = new Map(
      children(doc.documentElement as unknown as Element, "event").map((e) => [
        e.getAttribute("guid")!,
        {
          date: text(e, "date"),
          start: text(e, "start"),
          duration: text(e, "duration"),
          room: text(e, "room"),
          title: text(e, "title"),
        },
      ]),
    );
    const sessions = parse(readFileSync(path.join(event, "sessions.csv")), { columns: true }) as Record<
      string,
      string
    >[];
    const rooms = new Map(
      (
        parse(readFileSync(path.join(event, "venues.csv")), { columns: true }) as Record<string, string>[]
      ).map((v) => [v.id!, v.room!]),
    );
    const ns = uuidV5("urn:conclave:event:cicon_2023", "6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    expect(events.size).toBe(sessions.length);
    for (const s of sessions) {
      const e = events.get(uuidV5(`session:${s.id}`, ns));
      expect(e, s.id).toBeDefined();
      const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
      const length = minutes(s.end!) - minutes(s.start!);
      expect(e).toEqual({
        date: `${s.date}T${s.start}:00+07:00`,
        start: s.start,
        duration: `${String(Math.floor(length / 60)).padStart(2, "0")}:${String(length % 60).padStart(2, "0")}`,
        room: rooms.get(s.room!),
        title: s.title,
      });
    }
  });

  it("never carries a delegate's email, phone or passport", async () => {
    const { xml, json } = await agenda("a");
    const delegates = parse(readFileSync(path.join(event, "delegates.csv")), { columns: true }) as Record<
      string,
      string
    >[];
    const personal = delegates
      .flatMap((d) => [d.email, d.phone, d.passport_number])
      .filter((v) => v && v.length > 3);
    expect(personal.length).toBeGreaterThan(10);
    for (const v of personal) {
      expect(xml).not.toContain(v);
      expect(json).not.toContain(v);
    }
  });

  it("keeps every GUID through an edit, and changes the version only when the programme changes", async () => {
    const before = await agenda("a");
    const again = await agenda("b");
    expect(again).toEqual(before);
    // A hostile title: markup, an entity, a line break that an ICS or XML reader could take for
    // structure. It must read back as written, and the files must still validate.
    const hostile = 'Panel <script>alert(1)</script> & "quotes"\r\nEND:VEVENT </event>';
    const file = path.join(event, "sessions.csv");
    const csv = await readFile(file, "utf8");
    await writeFile(file, csv.replace(",Coffee break,", `,"${hostile.replace(/"/g, '""')}",`));
    const after = await agenda("c");
    const guids = (xml: string) => [...xml.matchAll(/guid="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(guids(after.xml)).toEqual(guids(before.xml));
    const version = (xml: string) => /<version>([^<]+)<\/version>/.exec(xml)![1];
    expect(version(after.xml)).not.toBe(version(before.xml));
    const doc = new DOMParser().parseFromString(after.xml, "text/xml");
    const titles = children(doc.documentElement as unknown as Element, "title").map((t) => t.textContent);
    // Reading removed the line break (a warning says so); the rest reads back as written.
    const asRead = hostile.replace("\r\n", " ");
    expect(titles).toContain(asRead);
    expect(xmllint(path.join(outOf("c"), "schedule.xml")).code).toBe(0);
    expect(jsonErrors(after.json)).toEqual([]);
    const parsed = JSON.parse(after.json) as { schedule: { events: { title: string }[] } };
    expect(parsed.schedule.events.map((e) => e.title)).toContain(asRead);
    await writeFile(file, csv);
  });
});

describe("schedule exports of a generated event", () => {
  it("pass both schemas at 2,000 sessions, with a session after midnight on the day before", async () => {
    const files = generateEvent(2_000, 2_000, 11);
    const config = parseEventConfig(files["event.yaml"]);
    if (!config.ok) throw new Error("the generated event.yaml is invalid");
    const bytes = (s: string) => new TextEncoder().encode(s);
    const result = checkEvent({
      config: config.config,
      files: {
        delegates: { name: "delegates.csv", bytes: bytes(files["delegates.csv"]) },
        venues: { name: "venues.csv", bytes: bytes(files["venues.csv"]) },
        sessions: { name: "sessions.csv", bytes: bytes(files["sessions.csv"]) },
      },
    });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ev = result.event!;
    expect(ev.sessions.length).toBe(2_000);
    // A night session: 01:00–02:00 on the second day belongs, in the apps, to the first.
    const night = ev.sessions.find((s) => s.date > ev.config.start)!;
    night.start = 60;
    night.end = 120;
    const out = scheduleFiles(ev);
    const dir = await mkdtemp(path.join(tmp, "generated-"));
    await writeFile(path.join(dir, "schedule.xml"), out.xml);
    expect(xmllint(path.join(dir, "schedule.xml")).code).toBe(0);
    expect(jsonErrors(out.json)).toEqual([]);
    const doc = new DOMParser().parseFromString(out.xml, "text/xml");
    const days = children(doc.documentElement as unknown as Element, "day");
    const nightDay = days.find((d) =>
      children(d, "event").some((e) => text(e, "date").startsWith(`${night.date}T01:00`)),
    );
    expect(nightDay?.getAttribute("date")).toBe(
      new Date(Date.parse(`${night.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
    );
    expect(children(doc.documentElement as unknown as Element, "event")).toHaveLength(2_000);
  });
});
