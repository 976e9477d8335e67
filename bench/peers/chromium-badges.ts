/**
 * The badges the way many web teams make them: an HTML page (CSS grid, one A4 sheet per page,
 * inline SVG QR codes) printed to PDF by headless Chromium.
 *   tsx bench/peers/chromium-badges.ts input.json out.pdf
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import QRCode from "qrcode";
import { readPeerInput } from "./faces.js";

const [input, output] = process.argv.slice(2) as [string, string];
const data = readPeerInput(input);
const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const css = `
@font-face { font-family: P; src: url("${pathToFileURL(data.fonts.regular)}"); }
@font-face { font-family: P; font-weight: bold; src: url("${pathToFileURL(data.fonts.bold)}"); }
@page { size: A4; margin: 0 }
body { margin: 0; font-family: P }
.sheet { width: 210mm; height: 297mm; display: grid; grid-template-columns: 105mm 105mm; grid-template-rows: 148mm 148mm; page-break-after: always; overflow: hidden }
.b { position: relative; overflow: hidden }
.h { background: #12355b; color: white; height: 22mm; padding: 3mm 7mm; box-sizing: border-box }
.h b { font-size: 16pt; display: block } .h span { font-size: 6pt }
.n { font: bold 26pt P; margin: 6mm 7mm 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
.nt { font-size: 18pt; color: #12355b; margin: 0 7mm } .p { font-size: 10pt; margin: 2mm 7mm 0 } .o { font: bold 11pt P; margin: 1mm 7mm 0 }
.c { position: absolute; left: 7mm; bottom: 22mm; font-size: 9pt; color: #595959 }
.q { position: absolute; right: 7mm; bottom: 19mm; width: 21mm; height: 21mm }
.band { position: absolute; bottom: 0; width: 100%; height: 16mm; color: white; font: bold 18pt P; text-align: center; line-height: 16mm }
.bk { padding: 7mm; font-size: 8pt } .bk b { color: #12355b; font-size: 11pt }
`;
const parts: string[] = [];
for (let s = 0; s < data.faces.length; s += 4) {
  const sheet = data.faces.slice(s, s + 4);
  const fronts = await Promise.all(
    sheet.map(async (f) => {
      const qr = await QRCode.toString(f.qr, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
      return `<div class="b"><div class="h"><b>${esc(data.event)}</b><span>${esc(data.eventLine)}</span></div><div class="n">${esc(f.name)}</div>${f.native ? `<div class="nt">${esc(f.native)}</div>` : ""}${f.position ? `<div class="p">${esc(f.position)}</div>` : ""}<div class="o">${esc(f.organisation)}</div><div class="c">${esc(f.country)}</div><div class="q">${qr}</div><div class="band" style="background:${f.colour}">${esc(f.label)}</div></div>`;
    }),
  );
  parts.push(`<div class="sheet">${fronts.join("")}</div>`);
  const backs = sheet.map(
    (f) =>
      `<div class="b"><div class="bk"><b>${esc(data.back[0] ?? "")}</b><br>${data.back.slice(1).map(esc).join("<br>")}</div><div class="band" style="background:${f.colour}">${esc(f.label)}</div></div>`,
  );
  // Mirror the columns for long-edge duplex.
  const mirrored = [
    backs[1] ?? "<div></div>",
    backs[0],
    backs[3] ?? "<div></div>",
    backs[2] ?? "<div></div>",
  ];
  parts.push(`<div class="sheet">${mirrored.join("")}</div>`);
}
const dir = mkdtempSync(path.join(tmpdir(), "conclave-chromium-"));
const html = path.join(dir, "badges.html");
writeFileSync(html, `<!doctype html><meta charset="utf-8"><style>${css}</style>${parts.join("\n")}`);
const r = spawnSync(
  process.env.CHROMIUM ?? "chromium",
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${path.join(dir, "profile")}`,
    "--no-pdf-header-footer",
    `--print-to-pdf=${path.resolve(output)}`,
    pathToFileURL(html).href,
  ],
  { encoding: "utf8", timeout: 900_000 },
);
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(1);
}
