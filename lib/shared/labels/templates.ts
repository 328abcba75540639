/**
 * Label stock as data, in millimetres as the manufacturers publish it. Adding a format is one entry
 * in `labelTemplates`; the geometry test checks every entry. Importable from client code (preview).
 */
export type LabelTemplate = {
  /** Stable kebab-case id: stored in user preferences and sent by the label form. */
  id: string;
  name: string;
  /** A sheet holds a grid of labels per page; a roll prints one label per page on a desktop label printer. */
  kind: "sheet" | "roll";
  pageWidthMm: number;
  pageHeightMm: number;
  /** Page edge to the first label's edge. */
  topMarginMm: number;
  leftMarginMm: number;
  labelWidthMm: number;
  labelHeightMm: number;
  /** Left edge to left edge, and top edge to top edge, of neighbouring labels. */
  horizontalPitchMm: number;
  verticalPitchMm: number;
  columns: number;
  rows: number;
  /**
   * Blank border inside each label that nothing is printed on: it absorbs the printer's registration
   * error (±1 mm on office lasers) and the unprintable edge of label printers, so a QR code's quiet
   * zone is never cut by the die-cut edge.
   */
  paddingMm: number;
  /** What the person at the printer must set, when it is not obvious from the name. */
  printHint?: string;
};

const inch = 25.4;
const a4 = { pageWidthMm: 210, pageHeightMm: 297 };
const usLetter = { pageWidthMm: 8.5 * inch, pageHeightMm: 11 * inch };

export const labelTemplates: readonly LabelTemplate[] = [
  {
    // 3 × 70 mm fill the A4 width; 8 × 37 mm leave 1 mm, split top and bottom.
    id: "a4-3x8-zweckform-3474",
    name: "A4, 24 labels 70 × 37 mm (Avery Zweckform 3474)",
    kind: "sheet",
    ...a4,
    topMarginMm: 0.5,
    leftMarginMm: 0,
    labelWidthMm: 70,
    labelHeightMm: 37,
    horizontalPitchMm: 70,
    verticalPitchMm: 37,
    columns: 3,
    rows: 8,
    paddingMm: 2,
  },
  {
    id: "a4-4x10-zweckform-3657",
    name: "A4, 40 labels 48.5 × 25.4 mm (Avery Zweckform 3657)",
    kind: "sheet",
    ...a4,
    topMarginMm: 21.5,
    leftMarginMm: 8,
    labelWidthMm: 48.5,
    labelHeightMm: 25.4,
    horizontalPitchMm: 48.5,
    verticalPitchMm: 25.4,
    columns: 4,
    rows: 10,
    paddingMm: 1.5,
  },
  {
    id: "a4-5x13-avery-l7651",
    name: "A4, 65 labels 38.1 × 21.2 mm (Avery L7651)",
    kind: "sheet",
    ...a4,
    topMarginMm: 10.7,
    leftMarginMm: 4.7,
    labelWidthMm: 38.1,
    labelHeightMm: 21.2,
    horizontalPitchMm: 40.6,
    verticalPitchMm: 21.2,
    columns: 5,
    rows: 13,
    paddingMm: 1.2,
  },
  {
    // Cryo-rated laser sheet for 1.5–2 ml vials. Diversified Biotech publishes the label size and
    // count; the margins and gaps are measured, so print a calibration sheet before a large run.
    id: "letter-5x17-cryo-babies-lcry-1700",
    name: "US Letter, 85 cryo labels 1.28 × 0.5 in (Diversified Biotech Cryo-Babies LCRY-1700)",
    kind: "sheet",
    ...usLetter,
    topMarginMm: 6.1,
    leftMarginMm: 19.5,
    labelWidthMm: 1.28 * inch,
    labelHeightMm: 0.5 * inch,
    horizontalPitchMm: 35.6,
    verticalPitchMm: 15.9,
    columns: 5,
    rows: 17,
    paddingMm: 0.8,
  },
  {
    id: "letter-3x10-avery-5160",
    name: "US Letter, 30 labels 2⅝ × 1 in (Avery 5160)",
    kind: "sheet",
    ...usLetter,
    topMarginMm: 0.5 * inch,
    leftMarginMm: 0.1875 * inch,
    labelWidthMm: 2.625 * inch,
    labelHeightMm: 1 * inch,
    horizontalPitchMm: 2.75 * inch,
    verticalPitchMm: 1 * inch,
    columns: 3,
    rows: 10,
    paddingMm: 1.5,
  },
  {
    // Continuous tape: the printer cuts each page off, so the page height is the label length.
    id: "roll-62x30-brother-dk-22205",
    name: "Brother DK-22205, 62 mm continuous tape, 30 mm per label",
    kind: "roll",
    pageWidthMm: 62,
    pageHeightMm: 30,
    topMarginMm: 0,
    leftMarginMm: 0,
    labelWidthMm: 62,
    labelHeightMm: 30,
    horizontalPitchMm: 62,
    verticalPitchMm: 30,
    columns: 1,
    rows: 1,
    // QL printers leave about 1.5 mm unprinted at each tape edge.
    paddingMm: 2,
    printHint: "Media: 62 mm continuous, length 30 mm; scale 100 %.",
  },
  {
    // The label feeds short edge first (29 mm across the print head); the page is laid out in
    // landscape, 90 mm wide, so text runs along the label and the driver rotates it onto the tape.
    id: "roll-29x90-brother-dk-11201",
    name: "Brother DK-11201, 29 × 90 mm die-cut (landscape)",
    kind: "roll",
    pageWidthMm: 90,
    pageHeightMm: 29,
    topMarginMm: 0,
    leftMarginMm: 0,
    labelWidthMm: 90,
    labelHeightMm: 29,
    horizontalPitchMm: 90,
    verticalPitchMm: 29,
    columns: 1,
    rows: 1,
    paddingMm: 2,
    printHint: "Media: 29 × 90 mm (DK-11201), orientation landscape; scale 100 %.",
  },
];

export const labelsPerPage = (template: LabelTemplate) => template.columns * template.rows;

export function findTemplate(id: string): LabelTemplate | undefined {
  return labelTemplates.find((template) => template.id === id);
}
