import { create as createQrCode } from "qrcode";
import { ValidationError } from "@/lib/shared/errors";

/**
 * What goes on one label and where: the QR code, sized by the rules below, and the text lines,
 * shrunk to the space left. Pure geometry in millimetres; text is measured through `TextMeasure`
 * (pdfkit's font metrics on the server), so this module also runs in the browser preview.
 */

export type LabelItem = {
  kind: "sample" | "tray";
  /** specimenId or trayId, printed in bold under or beside the code. */
  id: string;
  /** What the QR code holds: `samplePayload`/`trayPayload` from lib/shared/qr-payloads.ts. */
  payload: string;
  text: string;
  proposalId?: string;
  /** e.g. "T-4F7KM · B3". */
  trayPosition?: string;
  date?: string;
};

export type Box = { xMm: number; yMm: number; widthMm: number; heightMm: number };

export type QrErrorCorrection = "H" | "Q" | "M" | "L";

/** The 300-dpi dot grid of office lasers and Brother QL printers; 600 dpi printers hit it exactly too. */
export const printerDotMm = 25.4 / 300;

export const qrRules = {
  /**
   * Three dots at 300 dpi (0.254 mm): toner spread or a burnt thermal dot changes a module by about
   * one dot, which leaves two of three; with two-dot modules that error is half the module.
   */
  minModuleMm: 3 * printerDotMm,
  /** ISO/IEC 18004 asks for 4 modules of blank margin; 2 still decode with phone cameras and zbar. */
  quietZoneModules: [4, 2],
  /** Highest first: frost, scratches and marker pen on vials are what the spare code words are for. */
  errorCorrection: ["H", "Q", "M", "L"] as QrErrorCorrection[],
  /** The code takes at most this share of a wide label; the rest is for text people read. */
  maxShareOfLongSide: 0.45,
} as const;

export const textRules = { maxSizePt: 10, minSizePt: 4, idScale: 1.25, ellipsis: "…" } as const;

export type QrPlacement = {
  errorCorrection: QrErrorCorrection;
  /** Modules per side, and whether each one (row by row) is dark. */
  size: number;
  modules: Uint8Array;
  moduleMm: number;
  quietZoneModules: number;
  /** Top-left corner of the symbol itself; its quiet zone lies around it, inside the label. */
  xMm: number;
  yMm: number;
  sideMm: number;
};

export type LabelFont = "Helvetica" | "Helvetica-Bold";

export type TextMeasure = {
  widthMm(text: string, font: LabelFont, sizePt: number): number;
  /** Height of one line including the gap below it. */
  lineHeightMm(font: LabelFont, sizePt: number): number;
};

/** `yMm` is the top of the line box (where pdfkit places text), not the baseline. */
export type TextLine = { text: string; font: LabelFont; sizePt: number; xMm: number; yMm: number };

export type LabelContent = { qr: QrPlacement; lines: TextLine[] };

type Side = "right" | "below";

export function planLabel(label: Box, item: LabelItem, paddingMm: number, measure: TextMeasure): LabelContent {
  const { qr, textArea } = planQrCode(label, item.payload, paddingMm);
  return { qr, lines: fitText(textLinesOf(item), textArea, measure) };
}

/** The code's place on a label, and the area left for text; apart from text so tests and previews need no fonts. */
export function planQrCode(label: Box, payload: string, paddingMm: number): { qr: QrPlacement; textArea: Box } {
  const area = inset(label, paddingMm);
  // Wide labels (all sheet and roll formats) put the code left and text right; tall ones stack them.
  const side: Side = area.widthMm >= area.heightMm ? "right" : "below";
  const longSide = Math.max(area.widthMm, area.heightMm);
  const shortSide = Math.min(area.widthMm, area.heightMm);
  const qr = placeQrCode(payload, area, Math.min(shortSide, longSide * qrRules.maxShareOfLongSide), side);
  const withQuietZone = qr.sideMm + 2 * qr.quietZoneModules * qr.moduleMm;
  const textArea: Box =
    side === "right"
      ? { ...area, xMm: area.xMm + withQuietZone, widthMm: area.widthMm - withQuietZone }
      : { ...area, yMm: area.yMm + withQuietZone, heightMm: area.heightMm - withQuietZone };
  return { qr, textArea };
}

const inset = (box: Box, by: number): Box => ({
  xMm: box.xMm + by,
  yMm: box.yMm + by,
  widthMm: box.widthMm - 2 * by,
  heightMm: box.heightMm - 2 * by,
});

/**
 * The first (quiet zone, error correction) pair, in the order of `qrRules`, whose symbol fits the
 * square at whole printer dots of at least the minimum module size. A short URL reaches H on every
 * template but the 12.7 mm cryo label (Q); a long APP_URL steps down further there.
 */
function placeQrCode(payload: string, area: Box, maxSideMm: number, side: Side): QrPlacement {
  for (const quietZoneModules of qrRules.quietZoneModules) {
    for (const errorCorrection of qrRules.errorCorrection) {
      const { modules } = createQrCode(payload, { errorCorrectionLevel: errorCorrection });
      const dots = Math.floor(maxSideMm / (modules.size + 2 * quietZoneModules) / printerDotMm);
      const moduleMm = dots * printerDotMm;
      if (moduleMm < qrRules.minModuleMm) continue;
      const sideMm = modules.size * moduleMm;
      const withQuietZone = sideMm + 2 * quietZoneModules * moduleMm;
      const corner =
        side === "right"
          ? { xMm: area.xMm, yMm: area.yMm + (area.heightMm - withQuietZone) / 2 }
          : { xMm: area.xMm + (area.widthMm - withQuietZone) / 2, yMm: area.yMm };
      return {
        errorCorrection,
        size: modules.size,
        modules: modules.data,
        moduleMm,
        quietZoneModules,
        xMm: corner.xMm + quietZoneModules * moduleMm,
        yMm: corner.yMm + quietZoneModules * moduleMm,
        sideMm,
      };
    }
  }
  throw new ValidationError("The QR code does not fit on this label", {
    template: [
      `${payload.length} characters need more than ${maxSideMm.toFixed(1)} mm at ${qrRules.minModuleMm.toFixed(3)} mm ` +
        "per module; choose a larger label or a shorter APP_URL",
    ],
  });
}

type Candidate = { text: string; font: LabelFont; scale: number };

/** In reading order; when height runs out, lines are dropped from the end, so the ID stays longest. */
function textLinesOf(item: LabelItem): Candidate[] {
  const body = (text: string | undefined): Candidate[] =>
    text?.trim() ? [{ text: text.trim(), font: "Helvetica", scale: 1 }] : [];
  return [
    { text: item.id, font: "Helvetica-Bold", scale: textRules.idScale },
    ...(item.text.trim() === item.id ? [] : body(item.text)),
    ...body(item.proposalId),
    ...body(item.trayPosition),
    ...body(item.date),
  ];
}

/**
 * One body size for all lines, the largest up to `maxSizePt` whose lines fit the height; a line too
 * wide for it shrinks alone (so a long name does not shrink the ID), down to `minSizePt`, and is
 * then cut with an ellipsis. Nothing is drawn outside `area`.
 */
function fitText(candidates: Candidate[], area: Box, measure: TextMeasure): TextLine[] {
  if (area.widthMm <= 0 || area.heightMm <= 0) return [];
  const lines = [...candidates];
  let bodyPt = 0;
  while (lines.length) {
    // Font metrics scale linearly with the size, so one measurement at 1 pt gives the fitting size.
    const heightAtOnePt = lines.reduce((sum, line) => sum + measure.lineHeightMm(line.font, line.scale), 0);
    bodyPt = Math.min(textRules.maxSizePt, area.heightMm / heightAtOnePt);
    if (bodyPt * Math.min(...lines.map((line) => line.scale)) >= textRules.minSizePt) break;
    lines.pop();
  }
  const fitted = lines.flatMap((line) => fitWidth(line, bodyPt * line.scale, area.widthMm, measure));
  const total = fitted.reduce((sum, line) => sum + measure.lineHeightMm(line.font, line.sizePt), 0);
  let yMm = area.yMm + (area.heightMm - total) / 2;
  return fitted.map((line) => {
    const placed = { ...line, xMm: area.xMm, yMm };
    yMm += measure.lineHeightMm(line.font, line.sizePt);
    return placed;
  });
}

function fitWidth(
  line: Candidate,
  sizePt: number,
  widthMm: number,
  measure: TextMeasure,
): Omit<TextLine, "xMm" | "yMm">[] {
  const width = measure.widthMm(line.text, line.font, sizePt);
  // Shrinking by the ratio can land a hair over through rounding in the metrics; aim just under.
  const fittingPt = width <= widthMm ? sizePt : Math.max(textRules.minSizePt, ((sizePt * widthMm) / width) * 0.999);
  if (measure.widthMm(line.text, line.font, fittingPt) <= widthMm)
    return [{ text: line.text, font: line.font, sizePt: fittingPt }];
  const text = ellipsize(line.text, (candidate) => measure.widthMm(candidate, line.font, fittingPt) <= widthMm);
  return text ? [{ text, font: line.font, sizePt: fittingPt }] : [];
}

/** The longest prefix plus "…" that fits, or "" when not even one character does. */
function ellipsize(text: string, fits: (candidate: string) => boolean): string {
  const characters = Array.from(text);
  let low = 0;
  let high = characters.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(characters.slice(0, middle).join("") + textRules.ellipsis)) low = middle;
    else high = middle - 1;
  }
  return low > 0 ? characters.slice(0, low).join("").trimEnd() + textRules.ellipsis : "";
}
