import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { positionLabel } from "@/lib/shared/tray-positions";
import { proposalForChange } from "@/lib/proposals/access";
import { type ColumnMapping, type ImportTarget } from "@/lib/shared/sample-import-columns";
import type { ImportedSample } from "./cells";
import { checkRows } from "./check-rows";
import { metadataTargetFor, resolveMapping } from "./mapping";
import { parseSampleTable } from "./table";

export type PreviewRow = {
  line: number;
  values: ImportedSample;
  /** Where the sample will go, as people read it (`B3`): given, or the first free position. */
  placedAt: string | null;
  errors: string[];
};

export type ImportPreview = {
  headers: string[];
  mapping: ColumnMapping;
  /** The metadata target each column offers besides the sample fields. */
  metadataTargets: Record<string, ImportTarget>;
  rows: PreviewRow[];
  errorCount: number;
  validCount: number;
};

/** What an import of `text` would do, row by row. Needs the same right as the import itself. */
export async function previewSampleImport(
  caller: Caller,
  proposalId: string,
  text: string,
  mapping?: ColumnMapping,
): Promise<ImportPreview> {
  const prisma = await db();
  const proposal = await proposalForChange(prisma, caller, proposalId, "samples:write");
  const table = parseSampleTable(text);
  const resolved = resolveMapping(table.headers, mapping);
  const checked = await checkRows(prisma, proposal.id, table, resolved);
  const rows = checked.map((row) => ({
    line: row.line,
    values: row.values,
    placedAt: row.tray && row.position ? positionLabel(row.tray, row.position) : null,
    errors: row.problems.map((problem) => problem.message),
  }));
  const errorCount = rows.filter((row) => row.errors.length).length;
  return {
    headers: table.headers,
    mapping: resolved,
    metadataTargets: Object.fromEntries(table.headers.map((header) => [header, metadataTargetFor(header)])),
    rows,
    errorCount,
    validCount: rows.length - errorCount,
  };
}
