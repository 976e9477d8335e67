import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PageRasterizer } from "../../src/preview/raster.js";

const dir = mkdtempSync(path.join(tmpdir(), "conclave-raster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A one-page PDF of an empty 200 × 100 pt page, written by hand.
function minimalPdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

describe("the preview's page images", () => {
  it("draw a file known by its hash, and refuse one whose bytes are no longer those of the manifest", async () => {
    const file = path.join(dir, "a.pdf");
    writeFileSync(file, minimalPdf());
    const hash = createHash("sha256").update(readFileSync(file)).digest("hex");
    const raster = new PageRasterizer();
    try {
      await expect(raster.info(file, hash)).resolves.toMatchObject({ pages: 1, width: 300, height: 150 });
      const png = await raster.render(file, hash, 1);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      // Rebuilt since the manifest the page was made from: not drawn, so not kept under the old hash.
      const b = path.join(dir, "b.pdf");
      writeFileSync(b, minimalPdf());
      await expect(raster.info(b, "0".repeat(64))).rejects.toThrow("is being rebuilt");
      await expect(raster.render(b, "0".repeat(64), 1)).rejects.toThrow("is being rebuilt");
    } finally {
      await raster.close();
    }
  });
});
