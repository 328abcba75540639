// The acceptance test of the label sheets: print each template to PDF, rasterise it like a 300-dpi
// printer (pdftoppm), cut every label out by the template's own geometry and decode it alone (zbarimg).
// This proves each code is readable, in its die-cut position, in order, and that skipped labels stay
// blank. Per label, not per page: zbar misses codes on a full page of finder patterns.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/shared/errors";
import { generateId } from "@/lib/platform/unique-human-ids";
import { planQrCode, type Box, type LabelItem } from "@/lib/shared/labels/content";
import { renderLabelsPdf, toStandardFontText } from "@/lib/labels/pdf";
import { labelsPerPage, labelTemplates, type LabelTemplate } from "@/lib/shared/labels/templates";
import { samplePayload, trayPayload } from "@/lib/shared/qr-payloads";

const exec = promisify(execFile);
const appUrl = "https://samples.example.org";
const dpi = 300;
const pixelsPerMm = dpi / 25.4;
const toleranceMm = 0.5;
const dark = 128;
const workDir = mkdtempSync(path.join(tmpdir(), "brs-label-pdf-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const names = [
  "Lysozyme crystal 3",
  "Fe₂O₃ nanoparticles, 5 µm, in kapton capillary",
  "Thaumatin soak 10 mM GdCl₃ – cryo-cooled in liquid nitrogen, batch 2026-11",
  "β-lactoglobulin",
  "Si wafer reference",
];

/** Mostly samples, every fifth a tray, as a selection from a proposal would be. */
function selection(count: number): LabelItem[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = index % 5 === 4 ? "tray" : "sample";
    const id = generateId(kind);
    return {
      kind,
      id,
      payload: kind === "tray" ? trayPayload(appUrl, id) : samplePayload(appUrl, id),
      text: kind === "tray" ? `Puck ${index + 1}` : names[index % names.length],
      proposalId: "20241234",
      trayPosition:
        kind === "tray" ? undefined : `T-4F7KM · ${String.fromCharCode(65 + (index % 8))}${1 + (index % 12)}`,
      date: "2026-12-01",
    };
  });
}

type Gray = { width: number; height: number; pixels: Buffer };
type PixelRect = { x0: number; y0: number; x1: number; y1: number };

/** Binary PGM (P5): magic, width, height, maximum value, separated by whitespace or # comments, then one byte a pixel. */
function readPgm(file: string): Gray {
  const data = readFileSync(file);
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[at]))) at += 1;
    if (data[at] === 0x23) {
      while (data[at] !== 0x0a) at += 1;
      continue;
    }
    const start = at;
    while (!/\s/.test(String.fromCharCode(data[at]))) at += 1;
    fields.push(data.toString("latin1", start, at));
  }
  const [magic, width, height, maxValue] = fields;
  if (magic !== "P5" || maxValue !== "255") throw new Error(`${file}: not an 8-bit binary PGM`);
  const image = { width: Number(width), height: Number(height), pixels: data.subarray(at + 1) };
  expect(image.pixels.length).toBe(image.width * image.height);
  return image;
}

function writePgmCrop(file: string, image: Gray, rect: PixelRect): void {
  const rows: Buffer[] = [Buffer.from(`P5\n${rect.x1 - rect.x0} ${rect.y1 - rect.y0}\n255\n`, "latin1")];
  for (let y = rect.y0; y < rect.y1; y += 1) {
    rows.push(image.pixels.subarray(y * image.width + rect.x0, y * image.width + rect.x1));
  }
  writeFileSync(file, Buffer.concat(rows));
}

/** The pixels whose centres lie in the box. */
function pixelRect(box: Box, image: Gray): PixelRect {
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value)));
  return {
    x0: clamp(box.xMm * pixelsPerMm, image.width),
    y0: clamp(box.yMm * pixelsPerMm, image.height),
    x1: clamp((box.xMm + box.widthMm) * pixelsPerMm, image.width),
    y1: clamp((box.yMm + box.heightMm) * pixelsPerMm, image.height),
  };
}

/** Edges in millimetres of the dark pixels inside `rect`, or undefined when it is blank. */
function inkBounds(
  image: Gray,
  rect: PixelRect,
): { left: number; top: number; right: number; bottom: number } | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (let y = rect.y0; y < rect.y1; y += 1) {
    for (let x = rect.x0; x < rect.x1; x += 1) {
      if (image.pixels[y * image.width + x] >= dark) continue;
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y + 1);
    }
  }
  if (left === Infinity) return undefined;
  return { left: left / pixelsPerMm, top: top / pixelsPerMm, right: right / pixelsPerMm, bottom: bottom / pixelsPerMm };
}

/** Where the template says label `cell` of a page is: computed here from the data, not by the layout module. */
function cellBox(template: LabelTemplate, cell: number): Box {
  const row = Math.floor(cell / template.columns);
  const column = cell % template.columns;
  return {
    xMm: template.leftMarginMm + column * template.horizontalPitchMm,
    yMm: template.topMarginMm + row * template.verticalPitchMm,
    widthMm: template.labelWidthMm,
    heightMm: template.labelHeightMm,
  };
}

let rendered = 0;

/** Writes the PDF, checks its page count and size with pdfinfo, and rasterises the first `pages` pages. */
async function render(template: LabelTemplate, pdf: Buffer, expectedPages: number, pages = expectedPages) {
  const name = `sheet-${(rendered += 1)}`;
  const file = path.join(workDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const { stdout: info } = await exec("pdfinfo", ["-f", "1", "-l", String(expectedPages), file]);
  expect(info).toMatch(/^Creator:\s+Beamtime Sample Registry$/m);
  expect(info).toMatch(/^Title:\s+\S/m);
  expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBe(expectedPages);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((match) => [
    Number(match[1]),
    Number(match[2]),
  ]);
  expect(sizes).toHaveLength(expectedPages);
  for (const [width, height] of sizes) {
    expect(width).toBeCloseTo((template.pageWidthMm * 72) / 25.4, 2);
    expect(height).toBeCloseTo((template.pageHeightMm * 72) / 25.4, 2);
  }
  await exec("pdftoppm", ["-r", String(dpi), "-gray", "-f", "1", "-l", String(pages), file, path.join(workDir, name)]);
  const images = readdirSync(workDir)
    .filter((entry) => entry.startsWith(`${name}-`) && entry.endsWith(".pgm"))
    .sort((a, b) => Number(/-(\d+)\.pgm$/.exec(a)?.[1]) - Number(/-(\d+)\.pgm$/.exec(b)?.[1]))
    .map((entry) => readPgm(path.join(workDir, entry)));
  expect(images).toHaveLength(pages);
  for (const image of images) {
    expect(image.width).toBe(Math.ceil(template.pageWidthMm * pixelsPerMm - 1e-6));
    expect(image.height).toBe(Math.ceil(template.pageHeightMm * pixelsPerMm - 1e-6));
  }
  return { name, images };
}

/** Decodes one crop on its own; zbarimg exits with 4 when it finds no symbol. */
async function decode(file: string): Promise<string | null> {
  try {
    const { stdout } = await exec("zbarimg", ["--nodbus", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", file]);
    return stdout.replace(/\n$/, "");
  } catch (error) {
    if ((error as { code?: unknown }).code === 4) return null;
    throw error;
  }
}

/** Two at a time: the test machine has two cores. */
async function inParallel<T, R>(values: T[], work: (value: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(values.length);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const index = next++;
      results[index] = await work(values[index]);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** Decoded payload of every label cell, page by page in cell order (null: nothing decoded). */
async function decodeCells(template: LabelTemplate, name: string, images: Gray[]): Promise<(string | null)[][]> {
  const perPage = labelsPerPage(template);
  return Promise.all(
    images.map((image, page) =>
      inParallel(
        Array.from({ length: perPage }, (_, cell) => cell),
        async (cell) => {
          const file = path.join(workDir, `${name}-p${page}-c${cell}.pgm`);
          writePgmCrop(file, image, pixelRect(cellBox(template, cell), image));
          return decode(file);
        },
      ),
    ),
  );
}

/**
 * Checks each printed code against its place in the template (the code planned for the template's own
 * cell, at 0 calibration): the dark pixels inside the code's quiet zone must be the symbol, within
 * `toleranceMm` on every edge, and empty cells and the space between labels must stay blank.
 */
function geometryProblems(template: LabelTemplate, images: Gray[], expected: (LabelItem | null)[][]): string[] {
  const problems: string[] = [];
  images.forEach((image, page) => {
    const cells = expected[page].map((item, cell) => ({ item, cell, box: cellBox(template, cell) }));
    for (const { item, cell, box } of cells) {
      const where = `page ${page + 1} label ${cell + 1}`;
      if (!item) {
        if (inkBounds(image, pixelRect(box, image))) problems.push(`${where}: should be blank`);
        continue;
      }
      const { qr } = planQrCode(box, item.payload, template.paddingMm);
      const quietZone = qr.quietZoneModules * qr.moduleMm - 1 / pixelsPerMm;
      const window = pixelRect(
        {
          xMm: qr.xMm - quietZone,
          yMm: qr.yMm - quietZone,
          widthMm: qr.sideMm + 2 * quietZone,
          heightMm: qr.sideMm + 2 * quietZone,
        },
        image,
      );
      const ink = inkBounds(image, window);
      if (!ink) {
        problems.push(`${where}: no code at its place`);
        continue;
      }
      const off = Math.max(
        Math.abs(ink.left - qr.xMm),
        Math.abs(ink.top - qr.yMm),
        Math.abs(ink.right - (qr.xMm + qr.sideMm)),
        Math.abs(ink.bottom - (qr.yMm + qr.sideMm)),
      );
      if (off > toleranceMm) problems.push(`${where}: code ${off.toFixed(2)} mm off its place`);
    }
    const outside = inkOutsideLabels(template, image);
    if (outside) problems.push(`page ${page + 1}: ${outside} dark pixels outside the labels`);
  });
  return problems;
}

function inkOutsideLabels(template: LabelTemplate, image: Gray): number {
  const inside = new Uint8Array(image.width * image.height);
  for (let cell = 0; cell < labelsPerPage(template); cell += 1) {
    const rect = pixelRect(cellBox(template, cell), image);
    for (let y = rect.y0; y < rect.y1; y += 1) inside.fill(1, y * image.width + rect.x0, y * image.width + rect.x1);
  }
  let count = 0;
  for (let index = 0; index < inside.length; index += 1) {
    if (!inside[index] && image.pixels[index] < dark) count += 1;
  }
  return count;
}

/** What each cell should hold: `skip` blanks, then every item `copies` times, then blanks to the end of the page. */
function expectedCells(template: LabelTemplate, items: LabelItem[], copies: number, skip: number) {
  const perPage = labelsPerPage(template);
  const sequence = [...Array<null>(skip).fill(null), ...items.flatMap((item) => Array<LabelItem>(copies).fill(item))];
  const pages: (LabelItem | null)[][] = [];
  for (let start = 0; start < sequence.length; start += perPage) {
    const page = sequence.slice(start, start + perPage);
    pages.push([...page, ...Array<null>(perPage - page.length).fill(null)]);
  }
  return pages;
}

const payloads = (pages: (LabelItem | null)[][]) => pages.map((page) => page.map((item) => item?.payload ?? null));

describe.each(labelTemplates.map((template) => [template.name, template] as const))("label PDF: %s", (_, template) => {
  const perPage = labelsPerPage(template);
  const fullSheet = selection(template.kind === "roll" ? 5 : perPage);

  it("prints a full sheet: every label decodes alone, in order, at its place", async () => {
    const pdf = await renderLabelsPdf({
      template,
      items: fullSheet,
      copies: 1,
      skip: 0,
      calibration: { xMm: 0, yMm: 0 },
    });
    const expected = expectedCells(template, fullSheet, 1, 0);
    const { name, images } = await render(template, pdf, expected.length);
    expect(await decodeCells(template, name, images)).toEqual(payloads(expected));
    expect(geometryProblems(template, images, expected)).toEqual([]);
  });

  if (template.kind === "sheet") {
    it("skips 5 used labels, prints 2 copies of each item and continues on a second sheet", async () => {
      const items = selection(Math.ceil((perPage - 5) / 2) + 2);
      const pdf = await renderLabelsPdf({ template, items, copies: 2, skip: 5, calibration: { xMm: 0, yMm: 0 } });
      const expected = expectedCells(template, items, 2, 5);
      expect(expected).toHaveLength(2);
      const { name, images } = await render(template, pdf, 2);
      const decoded = await decodeCells(template, name, images);
      expect(decoded[0].slice(0, 5)).toEqual([null, null, null, null, null]);
      expect(decoded).toEqual(payloads(expected));
      expect(geometryProblems(template, images, expected)).toEqual([]);
    });
  } else {
    it("refuses to skip labels on a roll, and prints 2 copies of each item on consecutive pages", async () => {
      const items = selection(3);
      const request = { template, items, copies: 2, skip: 5, calibration: { xMm: 0, yMm: 0 } };
      const refused = await renderLabelsPdf(request).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).fieldErrors.skip?.[0]).toMatch(/^must be 0: a roll/);
      const pdf = await renderLabelsPdf({ ...request, skip: 0 });
      const expected = expectedCells(template, items, 2, 0);
      const { name, images } = await render(template, pdf, 6);
      expect(await decodeCells(template, name, images)).toEqual(payloads(expected));
      expect(geometryProblems(template, images, expected)).toEqual([]);
    });
  }

  it("fails the geometry check when the labels are shifted 15 mm (negative control)", async () => {
    const pdf = await renderLabelsPdf({
      template,
      items: fullSheet,
      copies: 1,
      skip: 0,
      calibration: { xMm: 15, yMm: 0 },
    });
    const expected = expectedCells(template, fullSheet, 1, 0);
    const { images } = await render(template, pdf, expected.length, 1);
    const problems = geometryProblems(template, images, expected.slice(0, 1));
    expect(() => expect(problems).toEqual([])).toThrow();
    // Every label of the page is off, not just the ones pushed over the page edge.
    expect(problems.filter((problem) => /label \d+: (code .* off|no code)/.test(problem))).toHaveLength(
      template.kind === "roll" ? 1 : perPage,
    );
  });
});

describe("label text", () => {
  it("keeps to the characters of the standard PDF fonts", () => {
    expect(toStandardFontText("Fe₂O₃ 5 μm – 10 µl, ﬁlter, Å, €")).toBe("Fe2O3 5 µm – 10 µl, filter, Å, €");
    expect(toStandardFontText("β-lactoglobulin 蛋白\tline\r\nbreak\u0000")).toBe("?-lactoglobulin ?? line break?");
  });
});
