import { describe, expect, it } from "vitest";
import { planQrCode, qrRules } from "@/lib/shared/labels/content";
import { findTemplate, labelsPerPage, labelTemplates, type LabelTemplate } from "@/lib/shared/labels/templates";

// Millimetre values come from inch conversions; a micrometre of slack keeps 0.1 + 0.2 from failing.
const slack = 0.001;

const lastLabelEdges = (template: LabelTemplate) => ({
  right: template.leftMarginMm + (template.columns - 1) * template.horizontalPitchMm + template.labelWidthMm,
  bottom: template.topMarginMm + (template.rows - 1) * template.verticalPitchMm + template.labelHeightMm,
});

describe("label templates", () => {
  it("have unique kebab-case ids, a name, and are found by id", () => {
    const ids = labelTemplates.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of labelTemplates) {
      expect(template.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(template.name.trim()).not.toBe("");
      expect(findTemplate(template.id)).toBe(template);
    }
    expect(findTemplate("a4-3x8")).toBeUndefined();
  });

  it.each(labelTemplates.map((template) => [template.id, template] as const))(
    "%s: every label lies on the page, without overlapping its neighbours",
    (_, template) => {
      for (const size of [template.pageWidthMm, template.pageHeightMm, template.labelWidthMm, template.labelHeightMm]) {
        expect(size).toBeGreaterThan(0);
      }
      expect(Number.isInteger(template.columns) && template.columns >= 1).toBe(true);
      expect(Number.isInteger(template.rows) && template.rows >= 1).toBe(true);
      expect(template.leftMarginMm).toBeGreaterThanOrEqual(0);
      expect(template.topMarginMm).toBeGreaterThanOrEqual(0);
      expect(template.horizontalPitchMm).toBeGreaterThanOrEqual(template.labelWidthMm - slack);
      expect(template.verticalPitchMm).toBeGreaterThanOrEqual(template.labelHeightMm - slack);
      const { right, bottom } = lastLabelEdges(template);
      expect(right).toBeLessThanOrEqual(template.pageWidthMm + slack);
      expect(bottom).toBeLessThanOrEqual(template.pageHeightMm + slack);
      expect(template.paddingMm).toBeGreaterThan(0);
      expect(2 * template.paddingMm).toBeLessThan(Math.min(template.labelWidthMm, template.labelHeightMm));
    },
  );

  it.each(labelTemplates.map((template) => [template.id, template] as const))(
    "%s: carries a code at full error correction with a 4-module quiet zone inside the label",
    (_, template) => {
      const label = { xMm: 0, yMm: 0, widthMm: template.labelWidthMm, heightMm: template.labelHeightMm };
      const { qr, textArea } = planQrCode(label, "https://samples.example.org/s/S-7K3M9Q", template.paddingMm);
      // Cryo labels are 12.7 mm high: the 38-byte URL reaches Q there, H everywhere else.
      expect(["H", "Q"]).toContain(qr.errorCorrection);
      expect(qr.quietZoneModules).toBe(4);
      expect(qr.moduleMm).toBeGreaterThanOrEqual(qrRules.minModuleMm);
      const quietZone = qr.quietZoneModules * qr.moduleMm;
      expect(qr.xMm - quietZone).toBeGreaterThanOrEqual(template.paddingMm - slack);
      expect(qr.yMm - quietZone).toBeGreaterThanOrEqual(template.paddingMm - slack);
      expect(qr.xMm + qr.sideMm + quietZone).toBeLessThanOrEqual(template.labelWidthMm - template.paddingMm + slack);
      expect(qr.yMm + qr.sideMm + quietZone).toBeLessThanOrEqual(template.labelHeightMm - template.paddingMm + slack);
      expect(textArea.widthMm).toBeGreaterThan(10);
    },
  );

  it("describe the label stock they are named after", () => {
    const counts = Object.fromEntries(labelTemplates.map((template) => [template.id, labelsPerPage(template)]));
    expect(counts).toEqual({
      "a4-3x8-zweckform-3474": 24,
      "a4-4x10-zweckform-3657": 40,
      "a4-5x13-avery-l7651": 65,
      "letter-5x17-cryo-babies-lcry-1700": 85,
      "letter-3x10-avery-5160": 30,
      "roll-62x30-brother-dk-22205": 1,
      "roll-29x90-brother-dk-11201": 1,
    });
    for (const template of labelTemplates) {
      if (template.id.startsWith("a4-")) expect([template.pageWidthMm, template.pageHeightMm]).toEqual([210, 297]);
      if (template.id.startsWith("letter-")) {
        expect(template.pageWidthMm).toBeCloseTo(215.9, 6);
        expect(template.pageHeightMm).toBeCloseTo(279.4, 6);
      }
    }
    // A4 4 × 10 is centred on the page.
    const centred = findTemplate("a4-4x10-zweckform-3657")!;
    const { right, bottom } = lastLabelEdges(centred);
    expect(centred.pageWidthMm - right).toBeCloseTo(centred.leftMarginMm, 6);
    expect(centred.pageHeightMm - bottom).toBeCloseTo(centred.topMarginMm, 6);
  });

  it("print rolls one label per page, the page being the label", () => {
    const rolls = labelTemplates.filter((template) => template.kind === "roll");
    expect(rolls.length).toBeGreaterThanOrEqual(2);
    for (const roll of rolls) {
      expect(labelsPerPage(roll)).toBe(1);
      expect([roll.labelWidthMm, roll.labelHeightMm]).toEqual([roll.pageWidthMm, roll.pageHeightMm]);
      expect([roll.leftMarginMm, roll.topMarginMm]).toEqual([0, 0]);
      expect(roll.printHint).toBeTruthy();
    }
    // DK-11201 is laid out landscape: text runs along the 90 mm label.
    expect(findTemplate("roll-29x90-brother-dk-11201")).toMatchObject({ pageWidthMm: 90, pageHeightMm: 29 });
  });
});
