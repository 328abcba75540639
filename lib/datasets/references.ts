import "server-only";
import { type FieldErrors, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the references of a dataset name, looked up; unknown ones are field errors (422). */
export async function resolveReferences(
  tx: Prisma.TransactionClient,
  refs: { sampleId: string; proposalId?: string; instrumentId?: string | null },
  failed: string,
) {
  const errors: FieldErrors = {};
  const sample = await tx.sample.findUnique({
    where: { specimenId: refs.sampleId },
    select: {
      id: true,
      specimenId: true,
      proposal: {
        select: {
          id: true,
          proposalId: true,
          ownerGroup: true,
          accessGroups: true,
          piFirstname: true,
          piLastname: true,
          piEmail: true,
          email: true,
        },
      },
    },
  });
  if (!sample) errors.sampleId = [`No sample has the ID ${refs.sampleId}`];
  if (refs.proposalId !== undefined) {
    if (!(await tx.proposal.count({ where: { proposalId: refs.proposalId } })))
      errors.proposalId = [`No proposal has the ID ${refs.proposalId}`];
    else if (sample && sample.proposal.proposalId !== refs.proposalId)
      errors.proposalId = [
        `Sample ${sample.specimenId} belongs to proposal ${sample.proposal.proposalId}, not ${refs.proposalId}`,
      ];
  }
  let instrumentDbId: string | null = null;
  if (refs.instrumentId) {
    const instrument = await tx.instrument.findUnique({ where: { pid: refs.instrumentId }, select: { id: true } });
    if (instrument) instrumentDbId = instrument.id;
    else errors.instrumentId = [`No instrument has the pid ${refs.instrumentId}`];
  }
  if (!sample || Object.keys(errors).length) throw new ValidationError(failed, errors);
  return { sample, proposal: sample.proposal, instrumentDbId };
}
