import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/shared/errors";
import { planLabel, qrRules, textRules, type LabelItem, type TextMeasure } from "@/lib/shared/labels/content";
import { layoutLabels, maxLabels, noCalibration, type LabelRun } from "@/lib/shared/labels/layout";
import { findTemplate, type LabelTemplate } from "@/lib/shared/labels/templates";

const sheet = findTemplate("a4-3x8-zweckform-3474")!;
const roll = findTemplate("roll-62x30-brother-dk-22205")!;

const run = (overrides: Partial<LabelRun<string>> = {}): LabelRun<string> => ({
  template: sheet,
  items: ["S-A", "S-B", "S-C"],
  copies: 1,
  skip: 0,
  calibration: noCalibration,
  ...overrides,
});

const cells = (pages: ReturnType<typeof layoutLabels<string>>) =>
  pages.flatMap((page) => page.labels.map((label) => [page.index, label.row, label.column, label.item]));

function validationErrorOf(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("label layout", () => {
  it("fills a sheet row by row from the top left, at the template's positions", () => {
    const pages = layoutLabels(run({ items: ["S-A", "S-B", "S-C", "S-D"] }));
    expect(cells(pages)).toEqual([
      [0, 0, 0, "S-A"],
      [0, 0, 1, "S-B"],
      [0, 0, 2, "S-C"],
      [0, 1, 0, "S-D"],
    ]);
    expect(pages[0].labels[3]).toEqual({
      page: 0,
      row: 1,
      column: 0,
      xMm: 0,
      yMm: 0.5 + 37,
      widthMm: 70,
      heightMm: 37,
      item: "S-D",
    });
  });

  it("keeps the copies of an item together", () => {
    const pages = layoutLabels(run({ items: ["S-A", "S-B"], copies: 3 }));
    expect(pages[0].labels.map((label) => label.item)).toEqual(["S-A", "S-A", "S-A", "S-B", "S-B", "S-B"]);
  });

  it("skips used positions on the first sheet only, and continues on the next sheet from its first position", () => {
    const items = Array.from({ length: 12 }, (_, index) => `S-${index}`);
    const pages = layoutLabels(run({ items, copies: 2, skip: 5 }));
    expect(pages).toHaveLength(2);
    expect(pages[0].labels).toHaveLength(19);
    expect(pages[0].labels[0]).toMatchObject({ row: 1, column: 2, item: "S-0" });
    expect(pages[1].labels).toHaveLength(5);
    expect(pages[1].labels[0]).toMatchObject({ page: 1, row: 0, column: 0, item: "S-9", xMm: 0, yMm: 0.5 });
    expect(pages[1].labels.map((label) => label.item)).toEqual(["S-9", "S-10", "S-10", "S-11", "S-11"]);
  });

  it("starts a new sheet when the skipped positions and the labels fill the first exactly", () => {
    const items = Array.from({ length: 19 }, (_, index) => `S-${index}`);
    expect(layoutLabels(run({ items, skip: 5 }))).toHaveLength(1);
    expect(layoutLabels(run({ items: [...items, "S-X"], skip: 5 }))).toHaveLength(2);
  });

  it("shifts every label by the calibration offset, positive to the right and down", () => {
    const plain = layoutLabels(run({ items: ["S-A", "S-B", "S-C", "S-D"] }));
    const shifted = layoutLabels(run({ items: ["S-A", "S-B", "S-C", "S-D"], calibration: { xMm: 1.5, yMm: -0.75 } }));
    shifted[0].labels.forEach((label, index) => {
      expect(label.xMm).toBeCloseTo(plain[0].labels[index].xMm + 1.5, 9);
      expect(label.yMm).toBeCloseTo(plain[0].labels[index].yMm - 0.75, 9);
      expect([label.widthMm, label.heightMm]).toEqual([70, 37]);
    });
  });

  it("puts each label of a roll on its own page", () => {
    const pages = layoutLabels(run({ template: roll, items: ["S-A", "T-B"], copies: 2 }));
    expect(cells(pages)).toEqual([
      [0, 0, 0, "S-A"],
      [1, 0, 0, "S-A"],
      [2, 0, 0, "T-B"],
      [3, 0, 0, "T-B"],
    ]);
    expect(pages[3].labels[0]).toMatchObject({ xMm: 0, yMm: 0, widthMm: 62, heightMm: 30 });
  });

  it("says which input is wrong and why", () => {
    const fieldErrors = (overrides: Partial<LabelRun<string>>) =>
      validationErrorOf(() => layoutLabels(run(overrides))).fieldErrors;
    expect(fieldErrors({ copies: 0 })).toEqual({ copies: ["must be at least 1"] });
    expect(fieldErrors({ copies: 1.5 })).toEqual({ copies: ["must be a whole number"] });
    expect(fieldErrors({ copies: 101 })).toEqual({ copies: ["must be at most 100"] });
    expect(fieldErrors({ skip: -1 })).toEqual({ skip: ["must not be negative"] });
    expect(fieldErrors({ skip: 24 })).toEqual({ skip: ["must be less than the 24 labels on one sheet"] });
    expect(fieldErrors({ skip: 2.5 })).toEqual({ skip: ["must be a whole number"] });
    expect(fieldErrors({ template: roll, skip: 1 })).toEqual({
      skip: ["must be 0: a roll prints each label on its own page, so there is nothing to skip"],
    });
    expect(fieldErrors({ calibration: { xMm: 25, yMm: Number.NaN } })).toEqual({
      "calibration.xMm": ["must be between -20 and 20 mm"],
      "calibration.yMm": ["must be a number of millimetres"],
    });
    expect(fieldErrors({ items: [] })).toEqual({ items: ["choose at least one sample or tray"] });
    expect(fieldErrors({ items: Array.from({ length: maxLabels / 50 + 1 }, () => "S-A"), copies: 50 })).toEqual({
      copies: [`at most ${maxLabels} labels per PDF; print the selection in parts`],
    });
    expect(validationErrorOf(() => layoutLabels(run({ copies: 0, skip: -1 }))).message).toBe(
      "The labels cannot be laid out",
    );
  });

  it("accepts the last free position and the largest calibration", () => {
    expect(cells(layoutLabels(run({ items: ["S-A"], skip: 23 })))).toEqual([[0, 7, 2, "S-A"]]);
    expect(layoutLabels(run({ calibration: { xMm: -20, yMm: 20 } }))[0].labels[0]).toMatchObject({ xMm: -20 });
  });
});

// Helvetica-like metrics without pdfkit: every character 0.6 em wide, lines 1.2 em high.
const pointMm = 25.4 / 72;
const measure: TextMeasure = {
  widthMm: (text, font, sizePt) =>
    Array.from(text).length * (font === "Helvetica-Bold" ? 0.65 : 0.6) * sizePt * pointMm,
  lineHeightMm: (_font, sizePt) => 1.2 * sizePt * pointMm,
};

const item = (overrides: Partial<LabelItem> = {}): LabelItem => ({
  kind: "sample",
  id: "S-7K3M9Q",
  payload: "https://samples.example.org/s/S-7K3M9Q",
  text: "Lysozyme",
  proposalId: "20241234",
  trayPosition: "T-4F7KM · B3",
  date: "2026-12-01",
  ...overrides,
});

const boxOf = (template: LabelTemplate) => ({
  xMm: 10,
  yMm: 20,
  widthMm: template.labelWidthMm,
  heightMm: template.labelHeightMm,
});

function expectInside(template: LabelTemplate, content: ReturnType<typeof planLabel>) {
  const box = boxOf(template);
  for (const line of content.lines) {
    expect(line.xMm).toBeGreaterThanOrEqual(box.xMm + template.paddingMm);
    expect(line.yMm).toBeGreaterThanOrEqual(box.yMm + template.paddingMm - 1e-9);
    const right = line.xMm + measure.widthMm(line.text, line.font, line.sizePt);
    const bottom = line.yMm + measure.lineHeightMm(line.font, line.sizePt);
    expect(right).toBeLessThanOrEqual(box.xMm + box.widthMm - template.paddingMm + 1e-9);
    expect(bottom).toBeLessThanOrEqual(box.yMm + box.heightMm - template.paddingMm + 1e-9);
    expect(line.sizePt).toBeGreaterThanOrEqual(textRules.minSizePt);
    expect(line.sizePt).toBeLessThanOrEqual(textRules.maxSizePt * textRules.idScale);
  }
  const quietZone = content.qr.quietZoneModules * content.qr.moduleMm;
  const firstLineX = Math.min(...content.lines.map((line) => line.xMm));
  expect(firstLineX).toBeGreaterThanOrEqual(content.qr.xMm + content.qr.sideMm + quietZone - 1e-9);
}

describe("label content", () => {
  it("puts the code left and the ID, text, proposal, tray position and date right, in that order", () => {
    const content = planLabel(boxOf(sheet), item(), sheet.paddingMm, measure);
    expect(content.lines.map((line) => line.text)).toEqual([
      "S-7K3M9Q",
      "Lysozyme",
      "20241234",
      "T-4F7KM · B3",
      "2026-12-01",
    ]);
    expect(content.lines[0]).toMatchObject({ font: "Helvetica-Bold" });
    expect(content.lines[0].sizePt).toBeCloseTo(content.lines[1].sizePt * textRules.idScale, 9);
    expect(content.qr.xMm).toBeLessThan(content.lines[0].xMm);
    expect(content.qr.errorCorrection).toBe("H");
    expectInside(sheet, content);
  });

  it("leaves out empty optional lines and a text that repeats the ID", () => {
    const content = planLabel(
      boxOf(sheet),
      item({ text: "S-7K3M9Q", proposalId: undefined, trayPosition: " ", date: undefined }),
      sheet.paddingMm,
      measure,
    );
    expect(content.lines.map((line) => line.text)).toEqual(["S-7K3M9Q"]);
  });

  it("shrinks a long line alone, then cuts it with an ellipsis, never past the label", () => {
    const long = "Lysozyme crystal soaked in 0.1 M sodium acetate pH 4.6 with 10 mM gadolinium, cryo-cooled";
    const cryo = findTemplate("letter-5x17-cryo-babies-lcry-1700")!;
    for (const template of [sheet, cryo, roll]) {
      const content = planLabel(boxOf(template), item({ text: long }), template.paddingMm, measure);
      expectInside(template, content);
      const text = content.lines.find((line) => line.text.startsWith("Lyso"));
      if (text) {
        expect(text.sizePt).toBe(textRules.minSizePt);
        expect(text.text.endsWith("…")).toBe(true);
        expect(long.startsWith(text.text.slice(0, -1))).toBe(true);
      }
      expect(content.lines[0].text).toBe("S-7K3M9Q");
    }
  });

  it("drops lines from the end when the label is too low for all of them at the smallest size", () => {
    const strip: LabelTemplate = { ...sheet, labelWidthMm: 30, labelHeightMm: 9, paddingMm: 0.8 };
    const content = planLabel(boxOf(strip), item({ payload: "S-7K3M9Q" }), strip.paddingMm, measure);
    expectInside(strip, content);
    expect(content.lines.map((line) => line.text)).toEqual(["S-7K3M9Q", "Lysozyme", "20241234", "T-4F7KM · B3"]);
    expect(content.lines[1].sizePt).toBeGreaterThanOrEqual(textRules.minSizePt);
  });

  it("steps the error correction down before the code would drop below the minimum module size", () => {
    const cryo = findTemplate("letter-5x17-cryo-babies-lcry-1700")!;
    const longUrl = "https://beamline-registry.synchrotron.example-institute.de/registry/s/S-7K3M9Q";
    const content = planLabel(boxOf(cryo), item({ payload: longUrl }), cryo.paddingMm, measure);
    expect(content.qr.errorCorrection).not.toBe("H");
    expect(content.qr.moduleMm).toBeGreaterThanOrEqual(qrRules.minModuleMm);
    expect(content.qr.quietZoneModules).toBe(4);
    // Modules are whole 300-dpi printer dots.
    expect((content.qr.moduleMm * 300) / 25.4).toBeCloseTo(Math.round((content.qr.moduleMm * 300) / 25.4), 9);
  });

  it("refuses a code that cannot fit at the minimum module size", () => {
    const tiny: LabelTemplate = { ...sheet, labelWidthMm: 12, labelHeightMm: 6, paddingMm: 0.5 };
    const error = validationErrorOf(() => planLabel(boxOf(tiny), item(), tiny.paddingMm, measure));
    expect(Object.keys(error.fieldErrors)).toEqual(["template"]);
  });

  it("stacks code and text on a tall label", () => {
    const tall: LabelTemplate = { ...sheet, labelWidthMm: 25, labelHeightMm: 50 };
    const content = planLabel(boxOf(tall), item(), tall.paddingMm, measure);
    const quietZone = content.qr.quietZoneModules * content.qr.moduleMm;
    for (const line of content.lines) {
      expect(line.yMm).toBeGreaterThanOrEqual(content.qr.yMm + content.qr.sideMm + quietZone - 1e-9);
    }
    expect(content.lines.length).toBeGreaterThan(0);
  });
});
