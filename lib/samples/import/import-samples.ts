import "server-only";
import { auditRow, insertAuditRows } from "@/lib/audit/audit-log";
import { queuePublication } from "@/lib/publishing/outbox";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateId } from "@/lib/platform/unique-human-ids";
import { positionLabel } from "@/lib/shared/tray-positions";
import { proposalForChange } from "@/lib/proposals/access";
import { auditedFields } from "@/lib/samples/sample-record";
import type { ColumnMapping } from "@/lib/shared/sample-import-columns";
import { insertSamples } from "./bulk-insert";
import { type CheckedRow, checkRows } from "./check-rows";
import { resolveMapping } from "./mapping";
import { parseSampleTable } from "./table";

const attempts = 3;

/**
 * Registers every row of `text` as a sample, or none: the rows are checked again inside the
 * transaction with the preview's code, and one row with a problem fails the whole import with the
 * problems keyed `rows.<line>` (409 when the only problems are collisions with stored samples,
 * else 422). A concurrent save that takes an ID or position between check and insert makes the
 * whole transaction run again, which then reports the collision or draws new IDs.
 */
export async function importSamples(
  caller: Caller,
  proposalId: string,
  text: string,
  mapping: ColumnMapping,
  generate: () => string = () => generateId("sample"),
): Promise<{ created: number; specimenIds: string[] }> {
  const prisma = await db();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction((tx) => importInTransaction(tx, caller, proposalId, text, mapping, generate), {
        timeout: 60_000,
        maxWait: 10_000,
      });
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      if (constraint !== "Sample_specimenId_key" && constraint !== "Sample_trayId_position_key") throw error;
      if (attempt >= attempts) {
        throw new ConflictError(
          "Samples were saved into this proposal by someone else during the import, several times in a row; nothing was imported. Import again.",
        );
      }
    }
  }
}

async function importInTransaction(
  tx: Prisma.TransactionClient,
  caller: Caller,
  proposalId: string,
  text: string,
  mapping: ColumnMapping,
  generate: () => string,
) {
  const proposal = await proposalForChange(tx, caller, proposalId, "samples:write");
  const table = parseSampleTable(text);
  if (!table.rows.length) {
    throw new ValidationError("There is nothing to import", {
      text: ["Paste or upload a table: a header row, then one row per sample."],
    });
  }
  const resolved = resolveMapping(table.headers, mapping);
  // Placements into one tray take turns with single saves (they lock the tray row too, see
  // lib/samples/placement.ts); locking in id order keeps two imports from deadlocking.
  await tx.$queryRaw`SELECT 1 FROM "Tray" WHERE "proposalId" = ${proposal.id} ORDER BY id FOR UPDATE`;
  const checked = await checkRows(tx, proposal.id, table, resolved);
  throwIfAnyProblem(checked);

  const given = new Set(checked.flatMap((row) => row.sample?.specimenId ?? []));
  const drawn = await freeSpecimenIds(tx, checked.filter((row) => !row.sample?.specimenId).length, given, generate);
  const samples = checked.map((row) => {
    const sample = row.sample!;
    return {
      specimenId: sample.specimenId ?? drawn.shift()!,
      proposalId: proposal.id,
      trayId: row.tray?.id ?? null,
      position: row.position,
      specimenName: sample.specimenName,
      qrCodeLabel: sample.qrCodeLabel ?? sample.specimenName,
      description: sample.description ?? null,
      status: sample.status,
      metadata: sample.metadata,
      placement: row.tray && row.position ? `${row.tray.trayId} ${positionLabel(row.tray, row.position)}` : null,
    };
  });
  // Inserted in ID order: parallel imports then meet on the ID index in the same order and
  // wait for each other instead of deadlocking.
  const byId = samples.toSorted((a, b) => (a.specimenId < b.specimenId ? -1 : 1));
  await insertSamples(tx, byId);
  const audits = samples.map((sample) =>
    auditRow(
      caller,
      "CREATE",
      "Sample",
      sample.specimenId,
      auditedFields(sample, sample.placement),
      proposal.proposalId,
    ),
  );
  await insertAuditRows(tx, audits);
  const published = { entity: "Sample" as const, proposalId: proposal.proposalId };
  await queuePublication(tx, ...byId.map(({ specimenId }) => ({ ...published, specimenId })));
  return { created: samples.length, specimenIds: samples.map((sample) => sample.specimenId) };
}

function throwIfAnyProblem(rows: CheckedRow[]): void {
  const failed = rows.filter((row) => row.problems.length);
  if (!failed.length) return;
  const fieldErrors = Object.fromEntries(
    failed.map((row) => [`rows.${row.line}`, row.problems.map((problem) => problem.message)]),
  );
  const message = `${failed.length} of ${rows.length} rows have errors; nothing was imported. Correct them and import again.`;
  if (failed.every((row) => row.problems.every((problem) => problem.conflict)))
    throw new ConflictError(message, fieldErrors);
  throw new ValidationError(message, fieldErrors);
}

/** `count` generated IDs that are neither stored nor given in the import: drawn, checked at once, redrawn. */
async function freeSpecimenIds(
  tx: Prisma.TransactionClient,
  count: number,
  given: Set<string>,
  generate: () => string,
): Promise<string[]> {
  const free: string[] = [];
  const seen = new Set(given);
  for (let round = 1; free.length < count; round += 1) {
    if (round > 8) throw new ConflictError(`Could not find ${count} free specimen IDs; import again.`);
    const candidates: string[] = [];
    for (let i = free.length; i < count; i += 1) {
      const id = generate();
      if (!seen.has(id)) candidates.push(id);
      seen.add(id);
    }
    const taken = new Set(
      (await tx.sample.findMany({ where: { specimenId: { in: candidates } }, select: { specimenId: true } })).map(
        (sample) => sample.specimenId,
      ),
    );
    free.push(...candidates.filter((id) => !taken.has(id)));
  }
  return free;
}
