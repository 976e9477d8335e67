import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { loadEventFolder } from "/work/main/src/load/event-folder.js";
import { bundledFontFiles, bundledMeasurer } from "/work/main/src/load/fonts.js";
import { planBadges } from "/work/main/src/materials/badges/plan.js";
import { STOCKS } from "/work/main/src/materials/badges/stocks.js";
import { qrSvgs } from "/work/main/src/render/qr.js";
import { checkEvent } from "/work/main/src/validate/index.js";

let t = performance.now();
const l = await loadEventFolder(process.argv[2]!);
const ev = checkEvent(l.input).event!;
console.log("load+check", (performance.now() - t).toFixed(0));
t = performance.now();
const m = bundledMeasurer();
const plan = planBadges(ev, {
  stock: STOCKS["a6-4up"]!,
  sort: "family",
  skip: 0,
  calibrate: false,
  back: process.argv[3] === "back",
  cutMarks: true,
  offset: [0, 0],
  fonts: ["Pretendard"],
  measurer: m,
});
console.log("plan", (performance.now() - t).toFixed(0));
t = performance.now();
const svgs = await qrSvgs(plan.qr.slice(0, 1000).map((q) => q.text));
console.log("qr 1000", (performance.now() - t).toFixed(0));
const c = NodeCompiler.create({
  workspace: "/work/main/templates",
  fontArgs: [{ fontPaths: bundledFontFiles() }],
});
for (const [i, q] of plan.qr.entries())
  c.mapShadow("/work/main/templates" + q.path, Buffer.from(svgs[i % 1000]!));
let r = c.compile({
  mainFilePath: "/work/main/templates/badge.typ",
  inputs: { data: JSON.stringify({ ...plan.data, mode: "pieces", badges: [], sheets: [] }) },
});
c.mapShadow("/work/main/templates/pieces.pdf", c.pdf(r.result!));
t = performance.now();
const json = JSON.stringify(plan.data);
console.log("json", (performance.now() - t).toFixed(0), (json.length / 1e6).toFixed(1), "MB");
t = performance.now();
r = c.compile({ mainFilePath: "/work/main/templates/badge.typ", inputs: { data: json } });
console.log("compile", (performance.now() - t).toFixed(0));
t = performance.now();
c.pdf(r.result!, { pdfTags: false });
console.log("pdf", (performance.now() - t).toFixed(0));
