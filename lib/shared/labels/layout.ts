import { z } from "zod";
import { parseOrThrow } from "@/lib/shared/validation";
import { labelsPerPage, type LabelTemplate } from "./templates";

/**
 * Where each label goes on the label sheet: pure geometry in millimetres, shared by the PDF and the
 * browser preview, so what the preview shows is what prints.
 */

/** Shifts every label to correct a printer's feed offset; + is right and down, as measured on a test print. */
export type Calibration = { xMm: number; yMm: number };

export const noCalibration: Calibration = { xMm: 0, yMm: 0 };

export const maxCopies = 100;
/** One request's worth: about 420 A4 sheets of 24, and a PDF of a few MB. */
export const maxLabels = 10_000;
/** Real printers are off by a few millimetres; more is a unit mistake (inches, points) rather than an offset. */
export const maxCalibrationMm = 20;

export type LabelRun<Item> = {
  template: LabelTemplate;
  items: readonly Item[];
  /** Labels per item, printed next to each other. */
  copies: number;
  /** Label positions already peeled off the first sheet; printing starts after them. */
  skip: number;
  calibration: Calibration;
};

export type PlacedLabel<Item> = {
  page: number;
  row: number;
  column: number;
  /** The label's box on the page, calibration included. */
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
  item: Item;
};

export type LabelPage<Item> = { index: number; labels: PlacedLabel<Item>[] };

const offsetRange = `must be between -${maxCalibrationMm} and ${maxCalibrationMm} mm`;
const offsetMm = z
  .number({ error: "must be a number of millimetres" })
  .min(-maxCalibrationMm, offsetRange)
  .max(maxCalibrationMm, offsetRange);

function runSchema(template: LabelTemplate) {
  const perPage = labelsPerPage(template);
  const skipMessage =
    template.kind === "roll"
      ? "must be 0: a roll prints each label on its own page, so there is nothing to skip"
      : `must be less than the ${perPage} labels on one sheet`;
  return z
    .object({
      items: z.array(z.unknown()).min(1, "choose at least one sample or tray"),
      copies: z
        .number({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(maxCopies, `must be at most ${maxCopies}`),
      skip: z
        .number({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(0, "must not be negative")
        .max(perPage - 1, skipMessage),
      calibration: z.object({ xMm: offsetMm, yMm: offsetMm }),
    })
    .refine((run) => run.items.length * run.copies <= maxLabels, {
      path: ["copies"],
      message: `at most ${maxLabels} labels per PDF; print the selection in parts`,
    });
}

/** Pages in print order; labels fill each sheet row by row, item by item with its copies together. */
export function layoutLabels<Item>(run: LabelRun<Item>): LabelPage<Item>[] {
  const { template, items } = run;
  const { copies, skip, calibration } = parseOrThrow(runSchema(template), run, "The labels cannot be laid out");
  const perPage = labelsPerPage(template);
  const pages: LabelPage<Item>[] = [];
  let slot = skip;
  for (const item of items) {
    for (let copy = 0; copy < copies; copy += 1, slot += 1) {
      const page = Math.floor(slot / perPage);
      const cell = slot % perPage;
      const row = Math.floor(cell / template.columns);
      const column = cell % template.columns;
      pages[page] ??= { index: page, labels: [] };
      pages[page].labels.push({
        page,
        row,
        column,
        xMm: template.leftMarginMm + column * template.horizontalPitchMm + calibration.xMm,
        yMm: template.topMarginMm + row * template.verticalPitchMm + calibration.yMm,
        widthMm: template.labelWidthMm,
        heightMm: template.labelHeightMm,
        item,
      });
    }
  }
  return pages;
}
