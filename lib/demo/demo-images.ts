import { encodePng, type Rgb } from "@/lib/images/encode-png";

export interface ListingScene {
  sky: Rgb;
  walls: Rgb;
  roof: Rgb;
  ground: Rgb;
  /** 0..1: where the building stands across the picture. */
  position: number;
  /** Storeys, 1–4: cottages are low, offices and condos tall. */
  storeys: number;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];

/** A small painted listing photo (sky, ground, a building with roof, door and windows), so the demo portal never says "No photo yet". */
export function listingPhoto(scene: ListingScene, width = 320, height = 240): Uint8Array {
  const horizon = Math.round(height * 0.72);
  const bodyWidth = Math.round(width * (scene.storeys > 2 ? 0.34 : 0.46));
  const left = Math.round((width - bodyWidth) * scene.position);
  const storey = Math.round(height * 0.14);
  const top = horizon - storey * scene.storeys;
  const roofHeight = scene.storeys > 2 ? Math.round(storey * 0.4) : Math.round(storey * 1.3);
  return encodePng(width, height, (x, y) => {
    const inBody = x >= left && x < left + bodyWidth && y >= top && y < horizon;
    const fromCentre = Math.abs(x - (left + bodyWidth / 2));
    const inRoof = y < top && y >= top - roofHeight && fromCentre <= ((y - (top - roofHeight)) / roofHeight) * (bodyWidth / 2 + 8);
    if (inRoof) return scene.roof;
    if (inBody) {
      const doorLeft = left + bodyWidth / 2 - storey * 0.25;
      if (x >= doorLeft && x < doorLeft + storey * 0.5 && y >= horizon - storey * 0.75) return mix(scene.roof, [40, 30, 20], 0.5);
      const windowColumn = (x - left) % Math.round(bodyWidth / 4);
      const windowRow = (y - top) % storey;
      if (windowColumn > bodyWidth / 16 && windowColumn < bodyWidth / 6 && windowRow > storey * 0.25 && windowRow < storey * 0.6 && y < horizon - storey * 0.8) return [200, 225, 240];
      return scene.walls;
    }
    if (y >= horizon) return mix(scene.ground, [40, 60, 30], (y - horizon) / (height - horizon));
    return mix(scene.sky, [255, 255, 255], y / horizon);
  });
}

/** A demo logo: the tenant's colour, a light mark (a roof for one agency, a ring for another). */
export function demoLogo(colour: Rgb, mark: "roof" | "ring", size = 96): Uint8Array {
  const centre = size / 2;
  return encodePng(size, size, (x, y) => {
    const dx = x - centre;
    const dy = y - centre;
    const light: Rgb = [255, 255, 255];
    if (mark === "ring") {
      const radius = Math.hypot(dx, dy);
      return radius > size * 0.22 && radius < size * 0.34 ? light : colour;
    }
    const roof = y > size * 0.22 && y < size * 0.55 && Math.abs(dx) < (y - size * 0.22) * 1.2 && Math.abs(dx) > (y - size * 0.22) * 1.2 - size * 0.12;
    const walls = y >= size * 0.5 && y < size * 0.78 && Math.abs(dx) < size * 0.26 && !(Math.abs(dx) < size * 0.2 && y < size * 0.72);
    return roof || walls ? light : colour;
  });
}
