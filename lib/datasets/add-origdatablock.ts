import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { queuePublication } from "@/lib/publishing/outbox";
import { type Caller, callerName } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { origDatablockSchema, type OrigDatablockInput } from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";
import { auditedFields, bytesToJson, withReferences } from "./api-json";
import { getDataset } from "./queries";

/** What the dataset's columns hold (bigint bytes, int files). */
const maxBytes = 2n ** 63n - 1n;
const maxFiles = 2_147_483_647;

type StoredBlock = {
  id: string;
  size: bigint;
  chkAlg: string | null;
  dataFileList: Prisma.JsonValue;
  createdBy: string;
  createdAt: Date;
};

/** A datablock as the API shows it, with the dataset it belongs to. */
function toApiOrigDatablock(
  block: StoredBlock,
  dataset: { pid: string; ownerGroup: string | null; accessGroups: string[] },
) {
  return {
    id: block.id,
    datasetId: dataset.pid,
    size: bytesToJson(block.size),
    chkAlg: block.chkAlg,
    dataFileList: Array.isArray(block.dataFileList) ? block.dataFileList : [],
    ownerGroup: dataset.ownerGroup,
    accessGroups: dataset.accessGroups,
    createdBy: block.createdBy,
    createdAt: block.createdAt.toISOString(),
  };
}

export type ApiOrigDatablock = ReturnType<typeof toApiOrigDatablock>;

/**
 * Adds a SciCat OrigDatablock (a list of raw files) to a dataset. As in SciCat, each block adds its
 * size and file count to the dataset's, so a dataset whose files arrive in several blocks counts
 * them all.
 */
export async function addOrigDatablock(
  caller: Caller,
  pid: string,
  input: OrigDatablockInput,
): Promise<ApiOrigDatablock> {
  requireStaffOrScope(caller, "datasets:write", "Adding files to datasets");
  const values = parseOrThrow(origDatablockSchema, input, "The files were not added");
  const size = values.size ?? values.dataFileList.reduce((sum, file) => sum + file.size, 0n);
  const dataFileList = values.dataFileList.map(({ time, size: fileSize, ...file }) => ({
    ...file,
    size: bytesToJson(fileSize),
    ...(time ? { time: time.toISOString() } : {}),
  }));
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const dataset = await tx.dataset.findUnique({ where: { pid }, include: withReferences });
    if (!dataset) throw new NotFoundError(`Dataset ${pid}`);
    if (dataset.size + size > maxBytes || dataset.numberOfFiles + dataFileList.length > maxFiles) {
      const message = `With these files the dataset would hold more than ${maxBytes} bytes or ${maxFiles} files`;
      throw new ValidationError("The files were not added", { dataFileList: [message] });
    }
    const block = await tx.origDatablock.create({
      data: { datasetId: dataset.id, size, chkAlg: values.chkAlg ?? null, dataFileList, createdBy: callerName(caller) },
    });
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
    const updated = await tx.dataset.update({
      where: { id: dataset.id },
      data: { size: { increment: size }, numberOfFiles: { increment: dataFileList.length } },
      include: withReferences,
    });
    const changes = changedFields(auditedFields(dataset), auditedFields(updated));
    await audit(tx, caller, "UPDATE", "Dataset", pid, changes, proposalId);
    // The datablock, then the dataset's new totals (SciCat recounts them from its datablocks alone).
    await queuePublication(
      tx,
      { entity: "OrigDatablock", id: block.id, pid, proposalId: proposalId ?? null },
      { entity: "Dataset", pid, proposalId: proposalId ?? null },
    );
    return toApiOrigDatablock(block, dataset);
  });
}

/** A dataset's datablocks, oldest first, if the caller may read the dataset. */
export async function listOrigDatablocks(caller: Caller, pid: string): Promise<ApiOrigDatablock[]> {
  const dataset = await getDataset(caller, pid);
  const prisma = await db();
  const blocks = await prisma.origDatablock.findMany({
    where: { dataset: { pid } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, size: true, chkAlg: true, dataFileList: true, createdBy: true, createdAt: true },
  });
  return blocks.map((block) => toApiOrigDatablock(block, dataset));
}
