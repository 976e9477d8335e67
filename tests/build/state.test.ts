import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildState, eventIdentity, jobFingerprint, worldFingerprint } from "../../src/build/state.js";
import type { CompiledPdf, CompileJob } from "../../src/render/typst.js";

/** The build state without Typst: a fake compiler that counts its calls. */

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-state-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const job = (data: unknown, extra: Partial<CompileJob> = {}): CompileJob => ({
  template: "badge.typ",
  data,
  timestamp: 1_700_000_000,
  ...extra,
});

function fakeCompiler() {
  const calls: CompileJob[] = [];
  const make = async (j: CompileJob): Promise<CompiledPdf> => {
    calls.push(j);
    return { pdf: new TextEncoder().encode(`%PDF ${JSON.stringify(j.data)} %%EOF`), pages: 1, starts: [1] };
  };
  return { calls, make };
}

const world = worldFingerprint("conclave test", new Map([["badge.typ", new Uint8Array([1, 2])]]), []);
const ident = eventIdentity({ name: { en: "Test Summit" }, start: "2024-05-14", end: "2024-05-15" });

describe("fingerprints", () => {
  it("change with the data, the assets, the QR codes, the timestamp, the pieces flag and the world", () => {
    const base = jobFingerprint(world, job({ name: "Baek" }));
    expect(jobFingerprint(world, job({ name: "Baek" }))).toBe(base);
    expect(jobFingerprint(world, job({ name: "Back" }))).not.toBe(base);
    expect(
      jobFingerprint(world, job({ name: "Baek" }, { assets: { "/a.png": new Uint8Array([1]) } })),
    ).not.toBe(base);
    expect(jobFingerprint(world, job({ name: "Baek" }, { timestamp: 1 }))).not.toBe(base);
    expect(jobFingerprint(world, job({ name: "Baek" }, { pieces: true }))).not.toBe(base);
    expect(jobFingerprint(world, job({ name: "Baek" }, { template: "letter.typ" }))).not.toBe(base);
    // A QR code drawn by the compiling thread counts by its text and where it goes.
    const qr = (text: string, at = "/qr/0.png") =>
      job({ name: "Baek" }, { qr: [{ path: at, text, mode: "byte" }] });
    expect(jobFingerprint(world, qr("KR-001"))).not.toBe(base);
    expect(jobFingerprint(world, qr("KR-001"))).toBe(jobFingerprint(world, qr("KR-001")));
    expect(jobFingerprint(world, qr("KR-002"))).not.toBe(jobFingerprint(world, qr("KR-001")));
    expect(jobFingerprint(world, qr("KR-001", "/qr/1.png"))).not.toBe(jobFingerprint(world, qr("KR-001")));
    const otherTemplates = worldFingerprint(
      "conclave test",
      new Map([["badge.typ", new Uint8Array([1, 3])]]),
      [],
    );
    expect(jobFingerprint(otherTemplates, job({ name: "Baek" }))).not.toBe(base);
    const otherVersion = worldFingerprint("conclave 9", new Map([["badge.typ", new Uint8Array([1, 2])]]), []);
    expect(otherVersion).not.toBe(world);
  });
});

describe("BuildState", () => {
  it("answers a known fingerprint from the store, compiles the rest, forgets what was not used", async () => {
    const root = path.join(tmp, "a");
    const first = fakeCompiler();
    const s1 = new BuildState(root, world, "conclave test", ident);
    expect(s1.load()).toBeUndefined();
    await s1.compile(job("one"), first.make);
    await s1.compile(job("two"), first.make);
    await s1.compile(job("two"), first.make); // twice in one build: once in the counts
    expect([s1.compiled, s1.reused, first.calls.length]).toEqual([2, 0, 2]);
    s1.save(true);

    const second = fakeCompiler();
    const s2 = new BuildState(root, world, "conclave test", ident);
    expect(s2.load()).toBeUndefined();
    const again = await s2.compile(job("one"), second.make);
    await s2.compile(job("three"), second.make);
    expect(new TextDecoder().decode(again.pdf)).toBe('%PDF "one" %%EOF');
    expect(again.starts).toEqual([1]);
    expect([s2.compiled, s2.reused]).toEqual([1, 1]);
    expect(second.calls.map((c) => c.data)).toEqual(["three"]);
    s2.save(true);
    // "two" was not used: its stored PDF is gone.
    expect((await readdir(path.join(root, ".conclave/cache"))).length).toBe(2);
  });

  it("compiles again a stored PDF whose bytes changed", async () => {
    const root = path.join(tmp, "b");
    const s1 = new BuildState(root, world, "conclave test", ident);
    await s1.compile(job("one"), fakeCompiler().make);
    s1.save(true);
    const [file] = await readdir(path.join(root, ".conclave/cache"));
    await writeFile(path.join(root, ".conclave/cache", file!), "damaged");
    const c = fakeCompiler();
    const s2 = new BuildState(root, world, "conclave test", ident);
    expect(s2.load()).toBeUndefined();
    await s2.compile(job("one"), c.make);
    expect(c.calls).toHaveLength(1);
  });

  it("does not use a state it cannot trust, and says why", async () => {
    const root = path.join(tmp, "c");
    const s1 = new BuildState(root, world, "conclave test", ident);
    await s1.compile(job("one"), fakeCompiler().make);
    s1.save(true);
    const file = path.join(root, ".conclave/state.json");
    const good = await readFile(file, "utf8");
    const reason = async (text: string, event = ident) => {
      await writeFile(file, text);
      return new BuildState(root, world, "conclave test", event).load()?.reason;
    };
    expect(await reason(good.slice(0, 20))).toMatch(/not valid JSON/);
    expect(await reason("[]")).toMatch(/not a conclave build state/);
    expect(await reason(good.replace('"format":1', '"format":2'))).toMatch(/newer conclave/);
    expect(await reason(good.replace('"format":1', '"format":0'))).toMatch(/older conclave/);
    expect(await reason(good.replace(/"size":\d+/, '"size":1'))).toMatch(/changed since/);
    expect(await reason(good, eventIdentity({ name: { en: "Other" }, start: "2024-05-14" }))).toMatch(
      /another event/,
    );
    expect(await reason(good)).toBeUndefined();
  });
});
