import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { queuePublication } from "@/lib/publishing/outbox";
import { type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { generateId, createWithUniqueId } from "@/lib/platform/unique-human-ids";
import { proposalForChange } from "@/lib/proposals/access";
import { resolvePlacement } from "./placement";
import { sampleSchema, type SampleInput, type SampleValues } from "@/lib/schemas/sample";
import { parseOrThrow } from "@/lib/shared/validation";
import { auditedFields, rethrowPositionRace, saveFailed } from "./sample-record";

export async function createSample(
  caller: Caller,
  proposalId: string,
  input: SampleInput,
  generate = () => generateId("sample"),
) {
  const values = parseOrThrow(sampleSchema, input, saveFailed);
  return insertSample(caller, proposalId, values, generate);
}

async function insertSample(caller: Caller, proposalId: string, values: SampleValues, generate: () => string) {
  const prisma = await db();
  return createWithUniqueId({
    given: values.specimenId,
    generate,
    constraint: "Sample_specimenId_key",
    field: "specimenId",
    what: "Specimen ID",
    create: (specimenId) =>
      prisma
        .$transaction(async (tx) => {
          const proposal = await proposalForChange(tx, caller, proposalId, "samples:write");
          const placement = await resolvePlacement(tx, proposal.id, values.trayId, values.position);
          const sample = await tx.sample.create({
            data: {
              specimenId,
              proposalId: proposal.id,
              trayId: placement.trayDbId,
              position: placement.position,
              specimenName: values.specimenName,
              qrCodeLabel: values.qrCodeLabel ?? values.specimenName,
              description: values.description,
              owner: values.owner ?? null,
              status: values.status,
              metadata: values.metadata,
            },
          });
          await audit(
            tx,
            caller,
            "CREATE",
            "Sample",
            specimenId,
            auditedFields(sample, placement.trayLabel),
            proposal.proposalId,
          );
          await queuePublication(tx, { entity: "Sample", specimenId, proposalId: proposal.proposalId });
          return sample;
        })
        .catch((error: unknown) => {
          if (violatedUniqueConstraint(error) === "Sample_specimenId_key") throw error;
          return rethrowPositionRace(error);
        }),
  });
}
