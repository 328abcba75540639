import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { capacity, parsePosition, positionLabel } from "@/lib/shared/tray-positions";
import { sampleSchema, type SampleValues } from "@/lib/schemas/sample";
import { fieldErrorsOf } from "@/lib/shared/validation";
import { type ColumnMapping, type SampleField, targetLabel } from "@/lib/shared/sample-import-columns";
import { type ImportedSample, sampleFromRow } from "./cells";
import type { SampleTable } from "./table";

/** Every row of an import checked as one save would check it: the sample schema, then IDs and placements in the database. */

type StoredTray = { id: string; trayId: string; rows: number; columns: number };

/** A problem with a row; `conflict` when it collides with what is stored rather than being wrong. */
type Problem = { message: string; conflict: boolean };

export type CheckedRow = {
  line: number;
  values: ImportedSample;
  sample: SampleValues | null;
  tray: StoredTray | null;
  position: number | null;
  problems: Problem[];
};

const invalid = (message: string): Problem => ({ message, conflict: false });

const conflict = (message: string): Problem => ({ message, conflict: true });

type RowInCheck = CheckedRow & { unusable: Set<string> };

/** A field's text, unless the schema refused it (that problem is reported already). */
const usable = (row: RowInCheck, field: SampleField) => (row.unusable.has(field) ? undefined : row.values[field]);

/**
 * Every row against the sample schema (the same one as the form and the API), then against the
 * database: IDs and placements. One query per kind of record, never one per row.
 */
export async function checkRows(
  client: DbClient,
  proposalDbId: string,
  table: SampleTable,
  mapping: ColumnMapping,
): Promise<CheckedRow[]> {
  const rows: RowInCheck[] = table.rows.map((cells, index) => {
    const values = sampleFromRow(cells, table.headers, mapping);
    const result = sampleSchema.safeParse(values);
    const problems: Problem[] = [];
    const unusable = new Set<string>();
    if (!result.success) {
      for (const [path, messages] of Object.entries(fieldErrorsOf(result.error))) {
        const field = path.split(".")[0];
        unusable.add(field);
        const label = targetLabel(field);
        for (const message of messages)
          problems.push(invalid(message.startsWith(label) ? message : `${label}: ${message}`));
      }
    }
    const sample = result.success ? result.data : null;
    return { line: table.lines[index], values, sample, tray: null, position: null, problems, unusable };
  });
  await checkSpecimenIds(client, rows);
  await placeRows(client, proposalDbId, rows);
  return rows.map(({ unusable: _unusable, ...row }) => row);
}

/** A given specimen ID must be free in the whole registry and appear once in the table. */
async function checkSpecimenIds(client: DbClient, rows: RowInCheck[]): Promise<void> {
  const givenIds = [...new Set(rows.flatMap((row) => usable(row, "specimenId") ?? []))];
  const stored = new Set(
    givenIds.length
      ? (await client.sample.findMany({ where: { specimenId: { in: givenIds } }, select: { specimenId: true } })).map(
          (sample) => sample.specimenId,
        )
      : [],
  );
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const specimenId = usable(row, "specimenId");
    if (!specimenId) continue;
    const earlier = firstLine.get(specimenId);
    if (earlier) row.problems.push(invalid(`Specimen ID ${specimenId} is also on line ${earlier}`));
    else if (stored.has(specimenId))
      row.problems.push(
        conflict(`Specimen ID ${specimenId} is already taken; choose another, or leave it empty to generate one.`),
      );
    if (!earlier) firstLine.set(specimenId, row.line);
  }
}

/**
 * Trays and positions, as lib/samples/placement.ts decides them for one sample: the tray must be
 * this proposal's, a position on it and free (of stored samples and of earlier rows), a tray
 * without position must have room. Positions given in the table are reserved first; rows without
 * one then fill the first free positions in row order.
 */
async function placeRows(client: DbClient, proposalDbId: string, rows: RowInCheck[]): Promise<void> {
  const trays = await client.tray.findMany({
    where: { proposalId: proposalDbId },
    select: { id: true, trayId: true, rows: true, columns: true },
  });
  const trayByHumanId = new Map(trays.map((tray) => [tray.trayId, tray]));
  const occupants = await client.sample.findMany({
    where: { trayId: { in: trays.map((tray) => tray.id) }, position: { not: null } },
    select: { trayId: true, position: true, specimenId: true, specimenName: true },
  });
  const slot = (trayDbId: string, position: number) => `${trayDbId}#${position}`;
  const stored = new Map(occupants.map((occupant) => [slot(occupant.trayId!, occupant.position!), occupant]));
  const reservedBy = new Map<string, number>();

  for (const row of rows) {
    const trayId = usable(row, "trayId");
    if (!trayId) continue;
    const tray = trayByHumanId.get(trayId);
    if (!tray) {
      row.problems.push(invalid(`This proposal has no tray ${trayId}`));
      continue;
    }
    row.tray = tray;
    const positionText = usable(row, "position");
    if (!positionText) continue;
    const parsed = parsePosition(tray, positionText);
    if ("error" in parsed) {
      row.problems.push(invalid(parsed.error));
      continue;
    }
    const label = positionLabel(tray, parsed.position);
    const holder = stored.get(slot(tray.id, parsed.position));
    const earlier = reservedBy.get(slot(tray.id, parsed.position));
    if (holder)
      row.problems.push(
        conflict(
          `Position ${label} of tray ${trayId} is already taken by ${holder.specimenId} (${holder.specimenName}); choose a free position.`,
        ),
      );
    else if (earlier)
      row.problems.push(invalid(`Position ${label} of tray ${trayId} is also given on line ${earlier}`));
    else {
      reservedBy.set(slot(tray.id, parsed.position), row.line);
      row.position = parsed.position;
    }
  }

  // Free positions are only ever used up, so each tray's search goes on where it stopped.
  const nextCandidate = new Map<string, number>();
  for (const row of rows) {
    const tray = row.tray;
    if (!tray || row.values.position) continue;
    let candidate = nextCandidate.get(tray.id) ?? 1;
    while (
      candidate <= capacity(tray) &&
      (stored.has(slot(tray.id, candidate)) || reservedBy.has(slot(tray.id, candidate)))
    )
      candidate += 1;
    nextCandidate.set(tray.id, candidate);
    if (candidate > capacity(tray)) {
      row.problems.push(
        conflict(
          `Tray ${tray.trayId} is full (${capacity(tray)} positions); choose another tray, or free positions first.`,
        ),
      );
      continue;
    }
    reservedBy.set(slot(tray.id, candidate), row.line);
    row.position = candidate;
  }
}
