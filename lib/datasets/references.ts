import "server-only";
import { type FieldErrors, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

const proposalFields = {
  id: true,
  proposalId: true,
  ownerGroup: true,
  accessGroups: true,
  piFirstname: true,
  piLastname: true,
  piEmail: true,
  email: true,
} as const;

export type ReferencedProposal = Prisma.ProposalGetPayload<{ select: typeof proposalFields }>;

type References = { sampleId?: string; proposalId?: string; instrumentId?: string | null };

/**
 * What the references of a dataset name, looked up; unknown ones are field errors (422). The
 * proposal is the sample's, else the one named, else none (as in SciCat, where a derived dataset
 * belongs to no proposal unless it names one; its ownerGroup then decides who sees it).
 */
export async function resolveReferences(tx: Prisma.TransactionClient, refs: References, failed: string) {
  const errors: FieldErrors = {};
  const sample = refs.sampleId
    ? await tx.sample.findUnique({
        where: { specimenId: refs.sampleId },
        select: { id: true, specimenId: true, proposal: { select: proposalFields } },
      })
    : null;
  if (refs.sampleId && !sample) errors.sampleId = [`No sample has the ID ${refs.sampleId}`];
  let proposal: ReferencedProposal | null = sample?.proposal ?? null;
  if (refs.proposalId !== undefined) {
    const named = await tx.proposal.findUnique({ where: { proposalId: refs.proposalId }, select: proposalFields });
    if (!named) errors.proposalId = [`No proposal has the ID ${refs.proposalId}`];
    else if (sample && sample.proposal.id !== named.id)
      errors.proposalId = [
        `Sample ${sample.specimenId} belongs to proposal ${sample.proposal.proposalId}, not ${refs.proposalId}`,
      ];
    else proposal = named;
  }
  let instrumentDbId: string | null = null;
  if (refs.instrumentId) {
    const instrument = await tx.instrument.findUnique({ where: { pid: refs.instrumentId }, select: { id: true } });
    if (instrument) instrumentDbId = instrument.id;
    else errors.instrumentId = [`No instrument has the pid ${refs.instrumentId}`];
  }
  if (Object.keys(errors).length) throw new ValidationError(failed, errors);
  return { sample, proposal, instrumentDbId };
}
