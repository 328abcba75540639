import "server-only";
import type { Metadata } from "@/lib/schemas/common";
import { type ColumnMapping, isSampleField, metadataKeyOf, type SampleField } from "@/lib/shared/sample-import-columns";

/** One row's cells as the sample they describe: fields as text, metadata cells as typed JSON (and back, for the export). */

type JsonValue = Metadata[string];

const decimal = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A metadata cell as typed JSON: numbers, true/false (also Excel's TRUE/FALSE), JSON objects and
 * arrays, and a JSON string in double quotes (how the export keeps text such as "007" or "true"
 * text); empty means "no value"; anything else is text. Integers too long to be exact stay text
 * (barcodes, long numeric IDs).
 */
export function metadataValue(cell: string): JsonValue | undefined {
  const text = cell.trim();
  if (!text) return undefined;
  if (decimal.test(text)) {
    const number = Number(text);
    if (Number.isFinite(number) && (/[.eE]/.test(text) || Number.isSafeInteger(number))) return number;
  }
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  if (/^[{["]/.test(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // Not JSON after all: text that happens to start with a bracket or quote.
    }
  }
  return text;
}

/** The cell that `metadataValue` reads back as `value`. */
export function metadataCell(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return metadataValue(value) === value ? value : JSON.stringify(value);
  if (typeof value === "number")
    return Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : value.toExponential();
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** What a row says about its sample, before validation: the sample form's fields as text. */
export type ImportedSample = Partial<Record<SampleField, string>> & { metadata: Metadata };

export function sampleFromRow(cells: string[], headers: string[], mapping: ColumnMapping): ImportedSample {
  const fields: Partial<Record<SampleField, string>> = {};
  const metadata: [string, JsonValue][] = [];
  headers.forEach((header, column) => {
    const target = mapping[header];
    const cell = cells[column];
    if (target === "ignore" || !cell) return;
    if (isSampleField(target)) {
      // The form offers statuses in lower case; the stored value is the enum's.
      fields[target] = target === "status" ? cell.toUpperCase() : cell;
    } else {
      const value = metadataValue(cell);
      if (value !== undefined) metadata.push([metadataKeyOf(target), value]);
    }
  });
  // fromEntries: a key such as __proto__ becomes a key, not the object's prototype.
  return { ...fields, metadata: Object.fromEntries(metadata) };
}
