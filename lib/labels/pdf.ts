import "server-only";
import PDFDocument from "pdfkit";
import {
  planLabel,
  type LabelContent,
  type LabelItem,
  type QrPlacement,
  type TextMeasure,
} from "@/lib/shared/labels/content";
import { layoutLabels, type LabelRun } from "@/lib/shared/labels/layout";

/**
 * The label sheet as a vector PDF at exact physical size: printed at 100 %, every code lands in its
 * die-cut label. Helvetica is one of the 14 standard PDF fonts, so no font file is embedded or needed.
 */

export type LabelSheetRequest = LabelRun<LabelItem> & {
  /** PDF title, shown by viewers and print queues; e.g. the proposal ID. */
  title?: string;
};

const pointsPerMm = 72 / 25.4;

export async function renderLabelsPdf(request: LabelSheetRequest): Promise<Buffer> {
  const { template } = request;
  const pages = layoutLabels({ ...request, items: request.items.map(printableItem) });
  const document = new PDFDocument({
    autoFirstPage: false,
    info: {
      Title: request.title ?? `Labels (${template.name})`,
      Creator: "Beamtime Sample Registry",
    },
  });
  const finished = collect(document);
  const measure = measureWith(document);
  for (const page of pages) {
    document.addPage({ size: [template.pageWidthMm * pointsPerMm, template.pageHeightMm * pointsPerMm], margin: 0 });
    for (const label of page.labels) drawLabel(document, planLabel(label, label.item, template.paddingMm, measure));
  }
  document.end();
  return finished;
}

function collect(document: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.on("error", reject);
  });
}

function measureWith(document: PDFKit.PDFDocument): TextMeasure {
  return {
    widthMm: (text, font, sizePt) => document.font(font).fontSize(sizePt).widthOfString(text) / pointsPerMm,
    lineHeightMm: (font, sizePt) =>
      document.font(font).fontSize(sizePt).heightOfString("Hg", { lineBreak: false }) / pointsPerMm,
  };
}

function drawLabel(document: PDFKit.PDFDocument, content: LabelContent): void {
  drawQrCode(document, content.qr);
  for (const line of content.lines) {
    document
      .font(line.font)
      .fontSize(line.sizePt)
      .text(line.text, line.xMm * pointsPerMm, line.yMm * pointsPerMm, { lineBreak: false });
  }
}

/**
 * One rectangle per horizontal run of dark modules, in module units under one transformation, all in
 * one path filled once: small integers compress to a fraction of the size of one square per module
 * in page coordinates, and a single fill leaves no hairline seams where rectangles touch.
 */
function drawQrCode(document: PDFKit.PDFDocument, qr: QrPlacement): void {
  document.save();
  document.translate(qr.xMm * pointsPerMm, qr.yMm * pointsPerMm).scale(qr.moduleMm * pointsPerMm);
  for (let row = 0; row < qr.size; row += 1) {
    let column = 0;
    while (column < qr.size) {
      if (!qr.modules[row * qr.size + column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < qr.size && qr.modules[row * qr.size + column]) column += 1;
      document.rect(start, row, column - start, 1);
    }
  }
  document.fill("black");
  document.restore();
}

// The standard fonts only have the WinAnsi (Latin-1 plus a few) characters; pdfkit would print
// anything else as garbage. Compatibility forms are folded (₂ → 2, ﬁ → fi), the rest becomes "?".
const winAnsiExtras = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const isWinAnsi = (character: string) => {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(character);
};
// Greek mu typed for micro (µl, µm) is common in sample names; Latin-1 has the micro sign.
const lookalikes: Record<string, string> = { "\u03bc": "\u00b5" };

export function toStandardFontText(text: string): string {
  return Array.from(text.replace(/\s+/g, " "))
    .map((character) => {
      if (isWinAnsi(character)) return character;
      const folded = lookalikes[character] ?? character.normalize("NFKC");
      return Array.from(folded).every(isWinAnsi) ? folded : "?";
    })
    .join("");
}

const printableItem = (item: LabelItem): LabelItem => ({
  ...item,
  id: toStandardFontText(item.id),
  text: toStandardFontText(item.text),
  proposalId: item.proposalId && toStandardFontText(item.proposalId),
  trayPosition: item.trayPosition && toStandardFontText(item.trayPosition),
  date: item.date && toStandardFontText(item.date),
});
