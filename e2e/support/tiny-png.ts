import { encodePng } from "../../lib/images/encode-png";

/** A real, decodable PNG of one colour (8-bit RGB), so a browser reports its natural size. */
export function tinyPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  return encodePng(width, height, () => rgb);
}
