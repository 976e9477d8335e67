import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32, CODE_PREFIX, decodeCode, signCode, verifyCode } from "../../src/checkin/code.js";
import { conclave } from "../helpers/cli.js";
import { copyOfExample } from "../helpers/example-copy.js";
import { readPdf, squash } from "../helpers/pdf.js";

/*
 * Signed badge codes (issue #22): keys made by `conclave keys init`, badges built with
 * `badge.qr: signed`, every code read back from the printed PDF at 200 dpi by an independent
 * decoder (zbarimg) and every signature checked by OpenSSL on the public key; forged, expired,
 * foreign and superseded codes refused with their reason; no personal data in a code; the private
 * key nowhere in out/ or in what the commands print.
 */

function tool(cmd: string, args: string[], input?: Buffer) {
  const r = spawnSync(cmd, args, { encoding: "buffer", ...(input ? { input } : {}), maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd} is not installed (.ci/run installs poppler-utils and zbar-tools)`);
  return { code: r.status ?? -1, out: r.stdout.toString("utf8"), err: r.stderr.toString("utf8") };
}

let example: Awaited<ReturnType<typeof copyOfExample>>;
let dir: string;
let codes: string[];
let logs = "";
const run = (args: string[]) => {
  const r = conclave(args);
  logs += r.stdout + r.stderr;
  return r;
};

beforeAll(async () => {
  example = await copyOfExample("conclave-checkin-");
  dir = example.dir;
  expect(run(["keys", "init", dir]).code).toBe(0);
  const yaml = path.join(dir, "event.yaml");
  await writeFile(yaml, (await readFile(yaml, "utf8")).replace(/^ {2}qr: .*$/m, "  qr: signed"));
  const built = run(["badges", dir]);
  expect(built.code, built.stderr).toBe(0);
  // The badge run signs the codes; the door's files are a material of their own.
  expect(existsSync(path.join(dir, "out/checkin"))).toBe(false);
  const lists = run(["checkin", "lists", dir]);
  expect(lists.code, lists.stderr).toBe(0);
  // Every page of the sheets at 200 dpi, every code on them.
  const png = path.join(example.tmp, "png");
  expect(tool("pdftoppm", ["-r", "200", "-png", path.join(dir, "out/badges/badges.pdf"), png]).code).toBe(0);
  const pages = readdirSync(example.tmp).filter((f) => f.startsWith("png") && f.endsWith(".png"));
  codes = pages.flatMap((p) =>
    tool("zbarimg", ["-q", "--raw", path.join(example.tmp, p)])
      .out.split("\n")
      .filter(Boolean),
  );
}, 120_000);
afterAll(async () => {
  await example.remove();
});

describe("signed badge codes", () => {
  it("are on every badge, read back by zbarimg, each one a version 6 code or smaller", () => {
    const delegates = readFileSync(path.join(dir, "delegates.csv"), "utf8").trim().split("\n").length - 1;
    const ids = codes.map((c) => {
      const d = decodeCode(c);
      if (!d.ok) throw new Error(d.reason);
      return d.claims.delegateId;
    });
    expect(new Set(ids).size).toBe(delegates);
    // Prefix and base32 in alphanumeric mode: version 6 at level M holds 154 characters.
    for (const c of codes) expect(c.length).toBeLessThanOrEqual(154);
  });

  it("carry signatures that OpenSSL verifies with the event's public key", async () => {
    const pub = path.join(dir, "checkin-public.pem");
    for (const c of codes.slice(0, 40)) {
      const d = decodeCode(c);
      if (!d.ok) throw new Error(d.reason);
      const msg = path.join(example.tmp, "msg.bin");
      const sig = path.join(example.tmp, "sig.bin");
      await writeFile(msg, Buffer.concat([Buffer.from("conclave badge code v1\0"), d.body]));
      await writeFile(sig, d.signature);
      const r = tool("openssl", [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        pub,
        "-rawin",
        "-in",
        msg,
        "-sigfile",
        sig,
      ]);
      expect(r.out + r.err).toContain("Signature Verified Successfully");
    }
  });

  it("say who and what in `conclave checkin verify`, and refuse a forged, expired, foreign or superseded one", async () => {
    const code = codes[0]!;
    const d = decodeCode(code);
    if (!d.ok) throw new Error(d.reason);
    const id = d.claims.delegateId;
    const ok = run(["checkin", "verify", code, dir, "--at", "2023-06-20"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`genuine: ${id} `));

    // One byte of the signed body changed, the code re-encoded: the signature no longer matches.
    const bytes = Buffer.concat([d.body, d.signature]);
    bytes[12] = bytes[12]! ^ 0x01;
    const forged = run(["checkin", "verify", `${CODE_PREFIX}${base32(bytes)}`, dir, "--at", "2023-06-20"]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain("the signature does not match");

    const late = run(["checkin", "verify", code, dir, "--at", "2023-07-01"]);
    expect(late.code).toBe(1);
    expect(late.stdout).toContain("valid until 2023-06-21");

    // Signed with the right key but for another event (another tag).
    const key = readFileSync(path.join(dir, "checkin-private.pem"));
    const { createPrivateKey } = await import("node:crypto");
    const foreign = signCode({ ...d.claims, event: "00c0ffee" }, createPrivateKey(key));
    const other = run(["checkin", "verify", foreign, dir, "--at", "2023-06-20"]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("another event");

    // A reprint raised the revision: the badge printed before is refused.
    await writeFile(path.join(dir, "badge-revisions.csv"), `id,revision\n${id},2\n`);
    const superseded = run(["checkin", "verify", code, dir, "--at", "2023-06-20"]);
    expect(superseded.code).toBe(1);
    expect(superseded.stdout).toContain(`revision 2 replaced it`);
    await rm(path.join(dir, "badge-revisions.csv"));

    // Another key pair: a genuine-looking code the event's key did not make.
    const stranger = generateKeyPairSync("ed25519").privateKey;
    expect(
      verifyCode(signCode(d.claims, stranger), {
        publicKey: (await import("node:crypto")).createPublicKey(
          readFileSync(path.join(dir, "checkin-public.pem")),
        ),
        event: d.claims.event,
        today: "2023-06-20",
        revisionOf: () => 1,
      }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("signature") });
  });

  it("hold no name, email, phone or passport value", () => {
    const rows = readFileSync(path.join(dir, "delegates.csv"), "utf8").trim().split("\n");
    const header = rows[0]!.split(",");
    const personal = ["given_name", "family_name", "email", "phone", "passport_number", "native_name"]
      .map((c) => header.indexOf(c))
      .filter((i) => i >= 0);
    const values = rows
      .slice(1)
      .flatMap((r) => personal.map((i) => r.split(",")[i] ?? ""))
      .filter((v) => v.length >= 4);
    expect(values.length).toBeGreaterThan(100);
    for (const c of codes) {
      const d = decodeCode(c);
      if (!d.ok) throw new Error(d.reason);
      const inside = d.body.toString("latin1") + d.body.toString("utf8") + c;
      for (const v of values) expect(inside.includes(v), v).toBe(false);
    }
  });

  it("never leave the private key in out/ or in what the commands print", () => {
    const pem = readFileSync(path.join(dir, "checkin-private.pem"), "utf8");
    const body = pem.split("\n").filter((l) => l && !l.startsWith("-----"))[0]!;
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(path.join(dir, "out"));
    expect(files.length).toBeGreaterThan(3);
    const raw = Buffer.from(body, "base64").subarray(-32);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(body), f).toBe(false);
      expect(bytes.includes(raw), f).toBe(false);
    }
    expect(logs).not.toContain(body);
    const gitignore = readFileSync(path.join(dir, ".gitignore"), "utf8");
    expect(gitignore).toContain("/checkin-private.pem");
  });

  it("come with the lists of who is expected at each door: protocol guests first, on a page of their own, then by name", async () => {
    const ko = await readPdf(path.join(dir, "out/checkin/expected.ko.pdf"));
    const first = squash(ko.text[0]!);
    expect(first).toContain(squash("의전 귀빈"));
    expect(first).not.toContain(squash("일반 참석자"));
    // In order of precedence, as the protocol list ranks them: the first rank of the example leads.
    const rank1 = first.indexOf("KR-004");
    expect(rank1).toBeGreaterThan(0);
    expect(rank1).toBeLessThan(first.indexOf("VN-001"));
    const second = squash(ko.text[1]!);
    expect(second).toContain(squash("일반 참석자"));
    // Hangul order: 강… before 고… before 김….
    const order = ["강동현", "고성호", "김도윤"].map((n) => second.indexOf(n));
    for (const i of order) expect(i).toBeGreaterThan(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Vietnamese lists Vietnamese guests by their given name: Trần Văn An under A, before Bae.
    const vi = squash((await readPdf(path.join(dir, "out/checkin/expected.vi.pdf"))).text[1]!);
    expect(vi.indexOf(squash("Trần Văn An"))).toBeLessThan(vi.indexOf("BaeJae-won"));
    for (const lang of ["en", "ko", "vi"])
      expect(statSync(path.join(dir, `out/checkin/expected.${lang}.pdf`)).size).toBeGreaterThan(1000);
  });

  it("make a reprinted badge the current one at `reprint --done`, and the badge it replaces refused", async () => {
    expect(run(["build", dir, "--only", "badges"]).code).toBe(0);
    const old = codes.find((c) => {
      const d = decodeCode(c);
      return d.ok && d.claims.delegateId === "KR-071";
    })!;
    const csv = path.join(dir, "delegates.csv");
    const text = await readFile(csv, "utf8");
    expect(text).toMatch(/^KR-071,Mr,Woo-jin,/m);
    await writeFile(csv, text.replace(/^KR-071,Mr,Woo-jin,/m, "KR-071,Mr,Woojin,"));
    const reprint = run(["reprint", dir]);
    expect(reprint.code, reprint.stderr).toBe(0);
    const png = path.join(example.tmp, "reprint");
    expect(
      tool("pdftoppm", ["-r", "200", "-png", path.join(dir, "out/reprint/001/badges/badges.pdf"), png]).code,
    ).toBe(0);
    const page = readdirSync(example.tmp).find((f) => f.startsWith("reprint") && f.endsWith(".png"))!;
    const fresh = tool("zbarimg", ["-q", "--raw", path.join(example.tmp, page)])
      .out.split("\n")
      .filter(Boolean);
    expect(fresh).toHaveLength(1);
    expect(decodeCode(fresh[0]!)).toMatchObject({ ok: true, claims: { delegateId: "KR-071", revision: 2 } });
    // Before --done both verify (the new one is not printed yet); after, only the new one.
    expect(run(["checkin", "verify", old, dir, "--at", "2023-06-20"]).code).toBe(0);
    const done = run(["reprint", dir, "--done"]);
    expect(done.stdout).toContain("1 reprinted badge now current in badge-revisions.csv");
    expect(await readFile(path.join(dir, "badge-revisions.csv"), "utf8")).toContain("KR-071,2");
    const refused = run(["checkin", "verify", old, dir, "--at", "2023-06-20"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("revision 2 replaced it");
    expect(run(["checkin", "verify", fresh[0]!, dir, "--at", "2023-06-20"]).code).toBe(0);
    // The door's files know the new revision once they are made again, as --done says.
    expect(done.stdout).toContain("conclave checkin lists");
    expect(run(["checkin", "lists", dir]).code).toBe(0);
    const door = JSON.parse(readFileSync(path.join(dir, "out/checkin/checkin.json"), "utf8"));
    expect(door.delegates.find((d: { id: string }) => d.id === "KR-071")).toMatchObject({ revision: 2 });
    await writeFile(csv, text);
    await rm(path.join(dir, "badge-revisions.csv"));
  });

  it("are made by `build` when the codes are signed, and gone from a build once they are not", async () => {
    const yaml = path.join(dir, "event.yaml");
    const signed = await readFile(yaml, "utf8");
    const built = run(["build", dir, "--only", "badges,checkin"]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/checkin\s+6\b/);
    const listed = () =>
      (
        JSON.parse(readFileSync(path.join(dir, "out/manifest.json"), "utf8")).files as {
          path: string;
          material: string;
        }[]
      ).filter((f) => f.path.startsWith("checkin/"));
    expect(listed().map((f) => f.material)).toEqual(Array(6).fill("checkin"));
    // Codes no longer signed: a whole build leaves no list of codes that no badge carries.
    await writeFile(yaml, signed.replace(/^ {2}qr: signed$/m, '  qr: "https://checkin.example/{id}"'));
    const unsigned = run(["build", dir]);
    expect(unsigned.code, unsigned.stderr).toBe(0);
    expect(existsSync(path.join(dir, "out/checkin"))).toBe(false);
    expect(listed()).toEqual([]);
    const asked = run(["checkin", "lists", dir]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain("check-in lists are made for signed badge codes");
    expect(asked.stderr).toContain("conclave keys init");
    await writeFile(yaml, signed);
  }, 120_000);

  it("refuses to replace the key without --force, and says how to make one when it is missing", async () => {
    const again = run(["keys", "init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("has a signing key already");
    await rm(path.join(dir, "checkin-private.pem"));
    const r = run(["badges", dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("checkin-private.pem is not in the event folder");
    expect(r.stderr).toContain("conclave keys init");
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
