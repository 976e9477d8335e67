import { readFileSync } from "node:fs";

/** What a peer draws on each badge: the same texts conclave prints, pre-parsed as JSON. */
export interface PeerFace {
  name: string;
  native: string | null;
  position: string | null;
  organisation: string;
  country: string;
  label: string;
  colour: string;
  qr: string;
}

export interface PeerInput {
  event: string;
  eventLine: string;
  back: string[];
  faces: PeerFace[];
  fonts: { regular: string; bold: string };
}

export function readPeerInput(file: string): PeerInput {
  return JSON.parse(readFileSync(file, "utf8")) as PeerInput;
}
