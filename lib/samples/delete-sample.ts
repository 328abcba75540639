import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { queuePublication, queueSampleAttachments } from "@/lib/publishing/outbox";
import { type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { ConflictError } from "@/lib/shared/errors";
import { auditedFields, placementLabel, sampleForChange } from "./sample-record";

/**
 * Deletes a sample that has no datasets. A measured sample is part of the scientific record: it
 * stays, and can be marked returned or disposed instead.
 */
export async function deleteSample(caller: Caller, specimenId: string) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const sample = await sampleForChange(tx, caller, specimenId);
    if (sample._count.datasets > 0) {
      throw new ConflictError(
        `${specimenId} has ${sample._count.datasets} dataset${sample._count.datasets === 1 ? "" : "s"} and cannot be deleted: the datasets must keep their sample. Mark it returned or disposed instead.`,
      );
    }
    await queueSampleAttachments(tx, [sample.id], sample.proposal.proposalId);
    await tx.sample.delete({ where: { id: sample.id } });
    await audit(
      tx,
      caller,
      "DELETE",
      "Sample",
      specimenId,
      auditedFields(sample, placementLabel(sample)),
      sample.proposal.proposalId,
    );
    await queuePublication(tx, { entity: "Sample", specimenId, proposalId: sample.proposal.proposalId });
    return { specimenId };
  });
}
