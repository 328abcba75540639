import { describe, expect, it } from "vitest";
import { withSIUnits } from "@/lib/scicat/si-units";

describe("valueSI and unitSI, as SciCat computes them", () => {
  it("adds the SI value to quantities at any depth and leaves the rest", () => {
    type Converted = Record<string, Record<string, unknown> & { pixel: Record<string, unknown> }>;
    const converted: Converted = withSIUnits({
      energy: { value: 20, unit: "keV" },
      detector: { pixel: { value: 6.5, unit: "um" }, name: "pco.edge" },
      spacing: { value: 1.5, unit: "Å" },
      range: { value: [1, 2], unit: "mm" },
      stage: "pupa",
    } as Record<string, unknown>) as Converted;
    // mathjs spells the SI unit of energy out, as SciCat shows it.
    expect(converted.energy.unitSI).toBe("(kg m^2) / s^2");
    expect(Number(converted.energy.valueSI) / (20e3 * 1.602176634e-19)).toBeCloseTo(1, 6);
    expect(converted.detector).toMatchObject({ pixel: { value: 6.5, unit: "um", unitSI: "m" }, name: "pco.edge" });
    expect(converted.detector.pixel.valueSI).toBeCloseTo(6.5e-6, 12);
    expect(converted.spacing.valueSI).toBeCloseTo(1.5e-10, 16);
    expect(converted.range).toMatchObject({ valueSI: [0.001, 0.002], unitSI: "m" });
    expect(converted.stage).toBe("pupa");
  });

  it("keeps a unit mathjs does not know as it is", () => {
    expect(withSIUnits({ medium: { value: 70, unit: "% ethanol" } })).toEqual({
      medium: { value: 70, unit: "% ethanol", valueSI: 70, unitSI: "% ethanol" },
    });
  });
});
