import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { type Caller } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { origDatablockSchema, type OrigDatablockInput } from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";
import { auditedFields, bytesToJson, withReferences } from "./api-json";

/**
 * Adds a SciCat OrigDatablock (the list of raw files) to a dataset. A dataset registered before its
 * files were counted (size or numberOfFiles 0) takes them from the datablock.
 */
export async function addOrigDatablock(caller: Caller, pid: string, input: OrigDatablockInput) {
  requireStaffOrScope(caller, "datasets:write", "Adding files to datasets");
  const values = parseOrThrow(origDatablockSchema, input, "The files were not added");
  const size = values.size ?? values.dataFileList.reduce((sum, file) => sum + file.size, 0n);
  const dataFileList = values.dataFileList.map((file) => ({
    path: file.path,
    size: bytesToJson(file.size),
    ...(file.time ? { time: file.time.toISOString() } : {}),
    ...(file.chk ? { chk: file.chk } : {}),
  }));
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const dataset = await tx.dataset.findUnique({ where: { pid }, include: withReferences });
    if (!dataset) throw new NotFoundError(`Dataset ${pid}`);
    const block = await tx.origDatablock.create({
      data: { datasetId: dataset.id, size, chkAlg: values.chkAlg ?? null, dataFileList },
    });
    const counts: Prisma.DatasetUpdateInput = {};
    if (dataset.size === 0n) counts.size = size;
    if (dataset.numberOfFiles === 0) counts.numberOfFiles = dataFileList.length;
    const proposalId = dataset.proposal?.proposalId;
    await audit(
      tx,
      caller,
      "CREATE",
      "OrigDatablock",
      block.id,
      { datasetPid: pid, size, numberOfFiles: dataFileList.length, chkAlg: block.chkAlg },
      proposalId,
    );
    if (Object.keys(counts).length) {
      const updated = await tx.dataset.update({ where: { id: dataset.id }, data: counts, include: withReferences });
      await audit(
        tx,
        caller,
        "UPDATE",
        "Dataset",
        pid,
        changedFields(auditedFields(dataset), auditedFields(updated)),
        proposalId,
      );
    }
    return {
      id: block.id,
      datasetId: pid,
      size: bytesToJson(block.size),
      chkAlg: block.chkAlg,
      dataFileList,
      createdAt: block.createdAt.toISOString(),
    };
  });
}
