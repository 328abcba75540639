import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { queueDatasetParts, queuePublication } from "@/lib/publishing/outbox";
import { type Caller } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { datasetUpdateSchema, type DatasetUpdateInput } from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";
import { type ApiDataset, auditedFields, toApiDataset, withReferences } from "./api-json";
import { resolveReferences } from "./references";
import { jobParametersColumn, notColumns, sciCatFieldsColumn } from "./scicat-columns";

const updateFailed = "The dataset was not updated";

/**
 * How a change's `scientificMetadata` meets the stored one: `merge` one level deep (the native API,
 * see the schema) or `replace` it whole (SciCat's API, as SciCat does).
 */
export type MetadataUpdate = "merge" | "replace";

function mergedMetadata(stored: Prisma.JsonValue, sent: Record<string, unknown>): Prisma.InputJsonObject {
  const merged: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const [key, value] of Object.entries(sent)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as Prisma.InputJsonObject;
}

/**
 * Changes a registered dataset (e.g. Concert at the end of an acquisition: size, numberOfFiles,
 * endTime). Fields left out stay.
 */
export async function updateDataset(
  caller: Caller,
  pid: string,
  patch: DatasetUpdateInput,
  metadataUpdate: MetadataUpdate = "merge",
): Promise<ApiDataset> {
  requireStaffOrScope(caller, "datasets:write", "Updating datasets");
  const raw = patch && typeof patch === "object" ? (patch as Record<string, unknown>) : {};
  if (raw.pid !== undefined && raw.pid !== pid) {
    const message = "A dataset's pid cannot change: it is how files and catalogues refer to it";
    throw new ValidationError(updateFailed, { pid: [message] });
  }
  const values = parseOrThrow(datasetUpdateSchema, patch, updateFailed);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const stored = await tx.dataset.findUnique({ where: { pid }, include: withReferences });
    if (!stored) throw new NotFoundError(`Dataset ${pid}`);
    const data: Prisma.DatasetUncheckedUpdateInput = {};
    if (values.sampleId !== undefined || values.proposalId !== undefined || values.instrumentId !== undefined) {
      // A new sample brings its proposal; without a sample the proposal stays unless one is named.
      const sampleId = values.sampleId ?? stored.sample?.specimenId;
      const proposalId = values.proposalId ?? (sampleId ? undefined : stored.proposal?.proposalId);
      const refs = await resolveReferences(
        tx,
        { sampleId, proposalId, instrumentId: values.instrumentId },
        updateFailed,
      );
      data.sampleId = refs.sample?.id ?? null;
      data.proposalId = refs.proposal?.id ?? null;
      if (values.instrumentId !== undefined) data.instrumentId = refs.instrumentDbId;
    }
    const { scientificMetadata, jobParameters } = values;
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined && !notColumns.has(key) && key !== "scientificMetadata")
        (data as Record<string, unknown>)[key] = value;
    }
    data.jobParameters = jobParametersColumn(jobParameters);
    data.sciCatFields = sciCatFieldsColumn(values, stored.sciCatFields);
    if (scientificMetadata) {
      data.scientificMetadata =
        metadataUpdate === "merge"
          ? mergedMetadata(stored.scientificMetadata, scientificMetadata)
          : (scientificMetadata as Prisma.InputJsonObject);
    }
    const updated = await tx.dataset.update({ where: { id: stored.id }, data, include: withReferences });
    const changes = changedFields(auditedFields(stored), auditedFields(updated));
    if (Object.keys(changes).length) {
      await audit(tx, caller, "UPDATE", "Dataset", pid, changes, updated.proposal?.proposalId);
      const proposalId = updated.proposal?.proposalId ?? null;
      await queuePublication(tx, { entity: "Dataset", pid, proposalId });
      // Moved into a published proposal: its files and images go along (they follow the dataset's).
      if (proposalId !== (stored.proposal?.proposalId ?? null)) await queueDatasetParts(tx, stored.id, proposalId);
    }
    return toApiDataset(updated);
  });
}
