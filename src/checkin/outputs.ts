import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { writeCsv } from "../csv/write.js";
import { acronymOf } from "../materials/agenda/schedule.js";
import { latinName, pick } from "../model/names.js";
import type { Event } from "../model/types.js";
import { claimsMaker } from "./badge-codes.js";
import { eventTag } from "./code.js";

/**
 * What the door needs besides the badges (`badge.qr: signed`), in out/checkin/:
 * - checkin.csv and checkin.json for check-in apps: id, printed name, category, zones, revision,
 *   and the key the codes are signed with (its id; the JSON also the public key itself);
 * - checkin.html: one page that works from a laptop without a network, opened from the file. It
 *   reads a code typed or sent by a USB scanner (or the camera, where the browser has a
 *   BarcodeDetector), checks its signature with WebCrypto's Ed25519, its event, dates and
 *   revision, marks the delegate arrived, keeps the arrivals in the browser's storage and
 *   exports them as CSV.
 * Nothing secret: the public key only. Names are data, shown with textContent: markup in a name
 * prints as written.
 */

export interface CheckinFiles {
  csv: string;
  json: string;
  html: string;
}

/** The first 16 hex digits of SHA-256 of the public key (SPKI, DER): which key signed the codes. */
export function keyId(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ format: "der", type: "spki" }))
    .digest("hex")
    .slice(0, 16);
}

export function checkinFiles(
  event: Event,
  privateKey: KeyObject,
  revisions: ReadonlyMap<string, number>,
): CheckinFiles {
  const c = event.config;
  const publicKey = createPublicKey(privateKey);
  const id = keyId(publicKey);
  const claims = claimsMaker(event, revisions);
  const rooms = event.rooms.map((r) => r.id);
  const delegates = event.delegates.map((d) => {
    const k = claims(d);
    return {
      id: d.id,
      name: latinName(d),
      category: d.category,
      zones: k.zones.map((i) => rooms[i]!),
      revision: k.revision,
    };
  });
  const csv = writeCsv(
    ["id", "name", "category", "zones", "revision", "key_id"],
    delegates.map((d) => [d.id, d.name, d.category, d.zones.join(";"), String(d.revision), id]),
  );
  const first = delegates[0] ? claims(event.delegates[0]!) : undefined;
  const data = {
    format: "conclave-checkin",
    version: 1,
    event: {
      name: pick(c.name, c.defaultLanguage, c.defaultLanguage) ?? "",
      tag: eventTag(event, acronymOf(event)),
      start: c.start,
      end: c.end,
      validFrom: first?.validFrom ?? c.start,
      timezone: c.timezone,
    },
    key: { id, jwk: publicKey.export({ format: "jwk" }) },
    rooms,
    delegates,
  };
  const json = `${JSON.stringify(data, null, 1)}\n`;
  return { csv, json, html: checkinHtml(JSON.stringify(data)) };
}

/** JSON inside a <script> element: no `<` that could close it, no line separators. */
function scriptSafe(json: string): string {
  return json
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function checkinHtml(json: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check-in</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #111; background: #fff; }
  body { margin: 0 auto; max-width: 44rem; padding: 1rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .75rem; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input { width: 100%; box-sizing: border-box; font: inherit; font-size: 1.1rem; padding: .6rem; border: 2px solid #444; border-radius: .3rem; }
  button { font: inherit; padding: .45rem .9rem; margin: .5rem .5rem 0 0; border: 2px solid #12355b; background: #12355b; color: #fff; border-radius: .3rem; cursor: pointer; }
  #result { margin: 1rem 0; padding: .9rem; border-radius: .3rem; border: 2px solid #666; min-height: 3rem; }
  #result.ok { border-color: #0a6b2d; background: #e7f6ec; }
  #result.refused { border-color: #a4141b; background: #fbe9ea; }
  #result .verdict { font-weight: 700; font-size: 1.15rem; }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #ccc; }
  video { width: 100%; max-height: 16rem; background: #000; }
  @media print { input, button, video { display: none; } }
</style>
</head>
<body>
<main>
<h1 id="title">Check-in</h1>
<p id="status"></p>
<form id="form" autocomplete="off">
  <label for="code">Badge code (scan, or type and press Enter)</label>
  <input id="code" name="code" autofocus spellcheck="false">
</form>
<button type="button" id="camera" hidden>Scan with the camera</button>
<button type="button" id="export">Export arrivals (CSV)</button>
<video id="video" hidden muted playsinline></video>
<section id="result" aria-live="polite"><p class="verdict">Waiting for a badge.</p></section>
<h2>Arrived: <span id="count">0</span> of <span id="total">0</span></h2>
<table><thead><tr><th scope="col">Time</th><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Category</th></tr></thead><tbody id="arrivals"></tbody></table>
</main>
<script type="application/json" id="data">${scriptSafe(json)}</script>
<script>
"use strict";
(async () => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const byId = new Map(data.delegates.map((d) => [d.id, d]));
  const storeKey = "conclave-checkin:" + data.event.tag;
  const $ = (id) => document.getElementById(id);
  $("title").textContent = "Check-in · " + data.event.name;
  $("total").textContent = String(data.delegates.length);
  let key = null;
  try {
    key = await crypto.subtle.importKey("jwk", data.key.jwk, { name: "Ed25519" }, false, ["verify"]);
    $("status").textContent = "Signatures are checked in this browser (key " + data.key.id + "). No network is needed.";
  } catch (e) {
    $("status").textContent = "This browser cannot check Ed25519 signatures: use another browser (Chrome 137 or later, Firefox 129 or later, Safari 17 or later).";
  }
  const arrivals = JSON.parse(localStorage.getItem(storeKey) || "[]");
  const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const DOMAIN = new TextEncoder().encode("conclave badge code v1\\u0000");
  const CATEGORIES = ["vip", "delegate", "speaker", "press", "staff", "interpreter", "organiser"];
  const EPOCH = Date.UTC(2000, 0, 1);
  const dayOf = (n) => new Date(EPOCH + n * 86400000).toISOString().slice(0, 10);
  function base32(text) {
    const out = [];
    let bits = 0, value = 0;
    for (const ch of text) {
      const v = B32.indexOf(ch);
      if (v < 0) return null;
      value = ((value << 5) | v) & 0xffff;
      bits += 5;
      if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
    }
    return new Uint8Array(out);
  }
  function today() {
    return new Intl.DateTimeFormat("en-CA", { timeZone: data.event.timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  }
  async function check(text) {
    text = text.trim();
    if (!text.startsWith("CC1:")) return { ok: false, reason: "not a conclave badge code" };
    const b = base32(text.slice(4));
    if (!b || b.length < 82) return { ok: false, reason: "the code is damaged or cut off" };
    if (b[0] !== 1) return { ok: false, reason: "a code format this page does not read" };
    const n = b[16];
    if (b.length !== 17 + n + 64) return { ok: false, reason: "the code is damaged or cut off" };
    const body = b.subarray(0, 17 + n), sig = b.subarray(17 + n);
    if (!key) return { ok: false, reason: "this browser cannot check the signature" };
    const msg = new Uint8Array(DOMAIN.length + body.length);
    msg.set(DOMAIN); msg.set(body, DOMAIN.length);
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, key, sig, msg))) return { ok: false, reason: "forged or altered: the signature does not match" };
    const tag = Array.from(body.subarray(1, 5), (x) => x.toString(16).padStart(2, "0")).join("");
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const id = new TextDecoder().decode(body.subarray(17, 17 + n));
    const claims = { id, from: dayOf(view.getUint16(5)), until: dayOf(view.getUint16(7)), revision: view.getUint16(9), category: CATEGORIES[body[11]] };
    if (tag !== data.event.tag) return { ok: false, reason: "a badge for another event", claims };
    const d = today();
    if (d < claims.from) return { ok: false, reason: "valid only from " + claims.from, claims };
    if (d > claims.until) return { ok: false, reason: "valid until " + claims.until + ": expired", claims };
    const who = byId.get(id);
    if (!who) return { ok: false, reason: id + " is not on this event's list", claims };
    if (claims.revision < who.revision) return { ok: false, reason: "an old badge: revision " + claims.revision + ", replaced by revision " + who.revision + " (reprinted)", claims, who };
    return { ok: true, claims, who };
  }
  function row(a) {
    const tr = document.createElement("tr");
    for (const v of [a.time.slice(11, 19), a.id, a.name, a.category]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.append(td);
    }
    return tr;
  }
  function render() {
    const body = $("arrivals");
    body.replaceChildren(...arrivals.slice().reverse().map(row));
    $("count").textContent = String(new Set(arrivals.map((a) => a.id)).size);
  }
  function show(v) {
    const r = $("result");
    r.className = v.ok ? "ok" : "refused";
    const verdict = document.createElement("p");
    verdict.className = "verdict";
    const detail = document.createElement("p");
    if (v.ok) {
      const again = arrivals.some((a) => a.id === v.who.id);
      verdict.textContent = (again ? "Arrived again: " : "Welcome: ") + v.who.name;
      detail.textContent = v.who.id + " · " + v.who.category + (v.who.zones.length ? " · " + v.who.zones.join(", ") : "");
    } else {
      verdict.textContent = "Refused: " + v.reason;
      detail.textContent = v.claims ? "The code says " + v.claims.id + ", revision " + v.claims.revision + "." : "";
    }
    r.replaceChildren(verdict, detail);
  }
  async function take(text) {
    const v = await check(text);
    show(v);
    if (v.ok) {
      arrivals.push({ time: new Date().toISOString(), id: v.who.id, name: v.who.name, category: v.who.category });
      localStorage.setItem(storeKey, JSON.stringify(arrivals));
      render();
    }
    return v;
  }
  $("form").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("code");
    const text = input.value;
    input.value = "";
    take(text);
  });
  const cell = (v) => {
    const s = /^[=+\\-@\\t\\r]/.test(v) ? "'" + v : v;
    return /[",\\r\\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  $("export").addEventListener("click", () => {
    const lines = ["arrived_at,id,name,category", ...arrivals.map((a) => [a.time, a.id, a.name, a.category].map(cell).join(","))];
    const blob = new Blob(["\\ufeff" + lines.join("\\r\\n") + "\\r\\n"], { type: "text/csv" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "arrivals-" + data.event.tag + ".csv";
    document.body.append(a);
    a.click();
    a.remove();
  });
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    const button = $("camera");
    button.hidden = false;
    button.addEventListener("click", async () => {
      const video = $("video");
      video.hidden = false;
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      await video.play();
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      let last = "";
      const scan = async () => {
        const codes = await detector.detect(video).catch(() => []);
        const text = codes[0] && codes[0].rawValue;
        if (text && text !== last) { last = text; await take(text); setTimeout(() => { last = ""; }, 3000); }
        requestAnimationFrame(scan);
      };
      scan();
    });
  }
  window.conclaveCheckin = { take };
  render();
  document.body.dataset.ready = "true";
})();
</script>
</body>
</html>
`;
}
