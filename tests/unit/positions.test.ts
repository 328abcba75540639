import { describe, expect, it } from "vitest";
import { capacity, positionLabel } from "@/lib/shared/tray-positions";

describe("tray positions", () => {
  it("labels linear holders with numbers", () => {
    expect([1, 8].map((p) => positionLabel({ rows: 1, columns: 8 }, p))).toEqual(["1", "8"]);
  });

  it("labels grids with a row letter and a column number, row by row", () => {
    const plate = { rows: 8, columns: 12 };
    expect([1, 12, 13, 96].map((p) => positionLabel(plate, p))).toEqual(["A1", "A12", "B1", "H12"]);
    expect(capacity(plate)).toBe(96);
  });

  it("continues past Z with two letters", () => {
    expect(positionLabel({ rows: 30, columns: 1 }, 27)).toBe("AA1");
  });
});
