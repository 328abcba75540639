import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { queuePublication } from "@/lib/publishing/outbox";
import { type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { ConflictError } from "@/lib/shared/errors";
import { resolvePlacement } from "./placement";
import { sampleSchema, type SampleInput } from "@/lib/schemas/sample";
import { parseOrThrow } from "@/lib/shared/validation";
import { auditedFields, placementLabel, rethrowPositionRace, sampleForChange, saveFailed } from "./sample-record";

/** Edits a sample, including moving it to another tray or position of the same proposal. */
export async function updateSample(caller: Caller, specimenId: string, input: SampleInput) {
  const values = parseOrThrow(sampleSchema, input, saveFailed);
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      const sample = await sampleForChange(tx, caller, specimenId);
      if (values.specimenId && values.specimenId !== specimenId) {
        const message = "A sample's ID cannot change: it is printed on its label and recorded with its datasets.";
        throw new ConflictError(message, { specimenId: [message] });
      }
      const samePlace =
        values.trayId === sample.tray?.trayId &&
        (values.position === undefined || values.position === String(sample.position));
      const placement = samePlace
        ? { trayDbId: sample.trayId, position: sample.position, trayLabel: placementLabel(sample) }
        : await resolvePlacement(tx, sample.proposalId, values.trayId, values.position, sample.id);
      const updated = await tx.sample.update({
        where: { id: sample.id },
        data: {
          trayId: placement.trayDbId,
          position: placement.position,
          specimenName: values.specimenName,
          qrCodeLabel: values.qrCodeLabel ?? values.specimenName,
          description: values.description ?? null,
          // Forms that do not show the owner leave it as it is.
          owner: input.owner === undefined ? sample.owner : (values.owner ?? null),
          // Left out of the input (an API PATCH, an older form): keep what is stored.
          status: input.status === undefined ? sample.status : values.status,
          metadata: input.metadata === undefined ? (sample.metadata ?? {}) : values.metadata,
        },
      });
      const changes = changedFields(
        auditedFields(sample, placementLabel(sample)),
        auditedFields(updated, placement.trayLabel),
      );
      if (Object.keys(changes).length) {
        await audit(tx, caller, "UPDATE", "Sample", specimenId, changes, sample.proposal.proposalId);
        await queuePublication(tx, { entity: "Sample", specimenId, proposalId: sample.proposal.proposalId });
      }
      return updated;
    })
    .catch(rethrowPositionRace);
}
