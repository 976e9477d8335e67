/**
 * The badges the way a typical Node project makes them: pdfkit drawing each badge directly,
 * A6 four to an A4 sheet with duplex backs, QR codes from `qrcode`'s module matrix.
 *   tsx bench/peers/pdfkit-badges.ts input.json out.pdf
 */
import { createWriteStream } from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { readPeerInput } from "./faces.js";

const [input, output] = process.argv.slice(2) as [string, string];
const data = readPeerInput(input);
const mm = 72 / 25.4;
const W = 105 * mm;
const H = 148 * mm;
const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false, compress: true });
doc.registerFont("regular", data.fonts.regular);
doc.registerFont("bold", data.fonts.bold);
const stream = createWriteStream(output);
doc.pipe(stream);

function front(f: (typeof data.faces)[number], x: number, y: number) {
  doc.rect(x, y, W, H * 0.15).fill("#12355b");
  doc
    .fillColor("white")
    .font("bold")
    .fontSize(16)
    .text(data.event, x + 20, y + 8, { width: W - 40, lineBreak: false });
  doc
    .font("regular")
    .fontSize(6)
    .text(data.eventLine, x + 20, y + 30, { width: W - 40, lineBreak: false });
  doc
    .fillColor("black")
    .font("bold")
    .fontSize(26)
    .text(f.name, x + 20, y + 80, { width: W - 40, height: 34, ellipsis: true });
  if (f.native)
    doc
      .fillColor("#12355b")
      .font("regular")
      .fontSize(18)
      .text(f.native, x + 20, y + 116, { width: W - 40, lineBreak: false });
  doc.fillColor("black").font("regular").fontSize(10);
  if (f.position) doc.text(f.position, x + 20, y + 145, { width: W - 40, height: 26, ellipsis: true });
  doc
    .font("bold")
    .fontSize(11)
    .text(f.organisation, x + 20, y + 172, { width: W - 40, height: 40, ellipsis: true });
  doc
    .fillColor("#595959")
    .font("regular")
    .fontSize(9)
    .text(f.country, x + 20, y + H - 80, { width: W - 110, lineBreak: false });
  const qr = QRCode.create(f.qr, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = 60 / n;
  doc.fillColor("black");
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + W - 80 + c * cell, y + H - 120 + r * cell, cell, cell);
  doc.fill();
  doc.rect(x, y + H - H * 0.11, W, H * 0.11).fill(f.colour);
  doc
    .fillColor("white")
    .font("bold")
    .fontSize(18)
    .text(f.label, x, y + H - H * 0.11 + 14, { width: W, align: "center", lineBreak: false });
}

function back(f: (typeof data.faces)[number], x: number, y: number) {
  doc
    .fillColor("#12355b")
    .font("bold")
    .fontSize(11)
    .text(data.back[0] ?? "", x + 20, y + 20, { width: W - 40 });
  doc.fillColor("black").font("regular").fontSize(8);
  data.back.slice(1).forEach((line, i) => {
    doc.text(line, x + 20, y + 40 + i * 11, { width: W - 40, lineBreak: false });
  });
  doc.rect(x, y + H - H * 0.11, W, H * 0.11).fill(f.colour);
  doc
    .fillColor("white")
    .font("bold")
    .fontSize(18)
    .text(f.label, x, y + H - H * 0.11 + 14, { width: W, align: "center", lineBreak: false });
}

for (let s = 0; s < data.faces.length; s += 4) {
  const sheet = data.faces.slice(s, s + 4);
  doc.addPage();
  for (const [i, f] of sheet.entries()) front(f, (i % 2) * W, Math.floor(i / 2) * H);
  doc.addPage();
  for (const [i, f] of sheet.entries()) back(f, (1 - (i % 2)) * W, Math.floor(i / 2) * H);
}
doc.end();
await new Promise<void>((resolve) => stream.on("finish", () => resolve()));
