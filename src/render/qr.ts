import QRCode from "qrcode";

/** QR codes as SVG (medium error correction, no quiet zone: the badge leaves white around it). */
export async function qrSvgs(texts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const text of texts)
    out.push(await QRCode.toString(text, { type: "svg", margin: 0, errorCorrectionLevel: "M" }));
  return out;
}
