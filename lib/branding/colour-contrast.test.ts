import { describe, expect, it } from "vitest";
import { contrastRatio } from "./colour-contrast";

describe("contrastRatio (WCAG)", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#1d4ed8", "#ffffff", 6.7],
    ["#7dd3fc", "#ffffff", 1.7],
  ])("%s on %s ≈ %d:1", (foreground, background, expected) => {
    expect(contrastRatio(foreground, background)).toBeCloseTo(expected, 1);
  });

  it("is null for anything but #rrggbb", () => {
    expect(contrastRatio("red", "#ffffff")).toBeNull();
    expect(contrastRatio("#fff", "#ffffff")).toBeNull();
  });
});
