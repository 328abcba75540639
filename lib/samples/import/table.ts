import "server-only";
import Papa from "papaparse";
import { ValidationError } from "@/lib/shared/errors";
import { unguardedCell } from "./formula-guard";

/**
 * The cells of a sample import: pasted from Excel or LibreOffice (tab separated), or an uploaded
 * CSV/TSV file, read with papaparse.
 */

/** Beyond these a paste is almost certainly a mistake (and the preview table would not be usable). */
export const importLimits = { rows: 20_000, columns: 100 } as const;

export type SampleTable = {
  headers: string[];
  rows: string[][];
  delimiter: string;
  /** The spreadsheet line of each row (the header row is line 1), for messages people can find. */
  lines: number[];
};

const byteOrderMark = /^\uFEFF/;

/**
 * The cells of a paste or file. The first non-empty row holds the headers; empty rows are dropped
 * but keep their line numbers; empty trailing columns (a spreadsheet selection wider than the data)
 * are dropped; a column without a header is named after its position, a repeated header gets (2).
 */
export function parseSampleTable(text: string): SampleTable {
  // Server actions receive whatever the browser sends, whatever the types say.
  if (typeof text !== "string") throw new ValidationError("Nothing to read", { text: ["Paste or upload a table"] });
  const parsed = Papa.parse<string[]>(text.replace(byteOrderMark, ""), {
    // Tab first: pasted spreadsheet cells are tab-separated, and ties go to the first candidate.
    delimitersToGuess: ["\t", ",", ";"],
    skipEmptyLines: false,
  });
  const broken = parsed.errors.find((error) => error.type === "Quotes");
  if (broken) {
    const message = `Line ${(broken.row ?? 0) + 1}: a quoted cell is not closed, or has text after its closing quote. Put a quote inside a cell as "" (two quotes).`;
    throw new ValidationError("The text could not be read as a table", { text: [message] });
  }

  const records: { line: number; cells: string[] }[] = [];
  parsed.data.forEach((record, index) => {
    const cells = record.map((cell) => unguardedCell(cell.trim()));
    if (cells.some(Boolean)) records.push({ line: index + 1, cells });
  });
  if (records.length - 1 > importLimits.rows) {
    throw new ValidationError("The table is too long", {
      text: [
        `The table has ${(records.length - 1).toLocaleString("en")} rows; at most ${importLimits.rows.toLocaleString("en")} can be imported at once. Split it into several imports.`,
      ],
    });
  }
  const width = records.reduce((widest, { cells }) => Math.max(widest, cells.findLastIndex(Boolean) + 1), 0);
  if (width > importLimits.columns) {
    throw new ValidationError("The table is too wide", {
      text: [`The table has ${width} columns; at most ${importLimits.columns} can be imported.`],
    });
  }
  const fit = (cells: string[]) => Array.from({ length: width }, (_, column) => cells[column] ?? "");
  const [header, ...body] = records;
  return {
    headers: header ? uniqueHeaders(fit(header.cells)) : [],
    rows: body.map(({ cells }) => fit(cells)),
    delimiter: parsed.meta.delimiter,
    lines: body.map(({ line }) => line),
  };
}

function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const name = cell || `(column ${index + 1})`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}
