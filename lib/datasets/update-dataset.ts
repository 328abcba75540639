import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { type Caller } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { datasetUpdateSchema, type DatasetUpdateInput } from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";
import { type ApiDataset, auditedFields, toApiDataset, withReferences } from "./api-json";
import { resolveReferences } from "./references";

const updateFailed = "The dataset was not updated";

/**
 * Changes a registered dataset (e.g. Concert at the end of an acquisition: size, numberOfFiles,
 * endTime). Fields left out stay; `scientificMetadata` is merged one level deep (see the schema).
 */
export async function updateDataset(caller: Caller, pid: string, patch: DatasetUpdateInput): Promise<ApiDataset> {
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
      const sampleId = values.sampleId ?? stored.sample?.specimenId;
      if (!sampleId) throw new ValidationError(updateFailed, { sampleId: ["Give the dataset's sampleId"] });
      const refs = await resolveReferences(
        tx,
        { sampleId, proposalId: values.proposalId, instrumentId: values.instrumentId },
        updateFailed,
      );
      data.sampleId = refs.sample.id;
      data.proposalId = refs.proposal.id;
      if (values.instrumentId !== undefined) data.instrumentId = refs.instrumentDbId;
    }
    const { sampleId: _s, proposalId: _p, instrumentId: _i, scientificMetadata, ...fields } = values;
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (data as Record<string, unknown>)[key] = value;
    }
    if (scientificMetadata) {
      const merged: Record<string, unknown> = { ...(stored.scientificMetadata as Record<string, unknown>) };
      for (const [key, value] of Object.entries(scientificMetadata)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      data.scientificMetadata = merged as Prisma.InputJsonObject;
    }
    const updated = await tx.dataset.update({ where: { id: stored.id }, data, include: withReferences });
    const changes = changedFields(auditedFields(stored), auditedFields(updated));
    if (Object.keys(changes).length)
      await audit(tx, caller, "UPDATE", "Dataset", pid, changes, updated.proposal?.proposalId);
    return toApiDataset(updated);
  });
}
