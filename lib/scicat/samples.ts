import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { positionLabel } from "@/lib/shared/tray-positions";
import { getProposal } from "@/lib/proposals/queries";
import { createSample } from "@/lib/samples/create-sample";
import { getSample } from "@/lib/samples/queries";
import { updateSample } from "@/lib/samples/update-sample";
import type { SampleInput } from "@/lib/schemas/sample";
import { checkSciCatKeys, withSciCatFieldNames } from "./documents";
import { equalityFilter } from "./filters";

/**
 * SciCat Sample ↔ our sample: `sampleId` is the specimenId, `sampleCharacteristics` the metadata,
 * `description` the description. SciCat has no name for a sample; ours (printed on the label) is
 * `specimenName` when sent, else the first line of the description, else the sampleId. A sample
 * belongs to the proposal named by `proposalId`; owner and groups are the proposal's.
 */
const sampleFields = ["sampleId", "description", "sampleCharacteristics", "proposalId", "specimenName"] as const;
const sampleFieldsNotStored = [
  "owner",
  "ownerGroup",
  "accessGroups",
  "instrumentGroup",
  "isPublished",
  "datasetsId",
  "datasetId",
  "rawDatasetId",
  "derivedDatasetId",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
] as const;

const sciCatNames = { specimenId: "sampleId", metadata: "sampleCharacteristics" };

type SampleRecord = {
  specimenId: string;
  specimenName: string;
  description: string | null;
  metadata: Prisma.JsonValue;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

export function toSciCatSample(sample: SampleRecord, proposalId: string, owner?: string | null) {
  return {
    sampleId: sample.specimenId,
    owner: owner || null,
    description: sample.description,
    sampleCharacteristics: sample.metadata ?? {},
    proposalId,
    isPublished: false,
    specimenName: sample.specimenName,
    status: sample.status,
    createdAt: sample.createdAt.toISOString(),
    updatedAt: sample.updatedAt.toISOString(),
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const nameFrom = (body: Record<string, unknown>) =>
  text(body.specimenName) ?? text(body.description)?.split("\n")[0]?.trim().slice(0, 200) ?? text(body.sampleId);

export async function createSciCatSample(caller: Caller, document: unknown) {
  const body = checkSciCatKeys(document, "Sample", sampleFields, sampleFieldsNotStored);
  const proposalId = text(body.proposalId);
  if (!proposalId)
    throw new ValidationError("The sample was not saved", {
      proposalId: ["Give the proposalId of the proposal the sample belongs to"],
    });
  const input: SampleInput = {
    specimenId: body.sampleId as string | undefined,
    specimenName: nameFrom(body) as string,
    description: body.description as string | undefined,
    metadata: (body.sampleCharacteristics ?? {}) as SampleInput["metadata"],
  };
  const names = { ...sciCatNames, specimenName: body.specimenName === undefined ? "description" : "specimenName" };
  const created = await withSciCatFieldNames(() => createSample(caller, proposalId, input), names);
  return toSciCatSample(created, proposalId);
}

export async function getSciCatSample(caller: Caller, sampleId: string) {
  const sample = await getSample(caller, sampleId);
  const owner = [sample.proposal.piFirstname, sample.proposal.piLastname].filter(Boolean).join(" ");
  return toSciCatSample(sample, sample.proposal.proposalId, owner);
}

/**
 * `PATCH Samples/{sampleId}`: the fields sent replace the stored ones (sampleCharacteristics as a
 * whole, as in SciCat); everything else, including the tray position, stays.
 */
export async function updateSciCatSample(caller: Caller, sampleId: string, document: unknown) {
  const patch = checkSciCatKeys(document, "Sample", sampleFields, sampleFieldsNotStored);
  const current = await getSample(caller, sampleId);
  if (patch.sampleId !== undefined && patch.sampleId !== sampleId) {
    const message = "A sample's ID cannot change: it is printed on its label and recorded with its datasets.";
    throw new ConflictError(message, { sampleId: [message] });
  }
  if (patch.proposalId !== undefined && patch.proposalId !== current.proposal.proposalId) {
    const message = `Sample ${sampleId} belongs to proposal ${current.proposal.proposalId}; it cannot move to another proposal.`;
    throw new ConflictError(message, { proposalId: [message] });
  }
  const input: SampleInput = {
    specimenId: sampleId,
    specimenName: (patch.specimenName as string | undefined) ?? current.specimenName,
    qrCodeLabel: current.qrCodeLabel,
    description: ("description" in patch ? patch.description : current.description) as string | undefined,
    trayId: current.tray?.trayId,
    position: current.tray && current.position ? positionLabel(current.tray, current.position) : undefined,
    status: current.status,
    metadata: ("sampleCharacteristics" in patch
      ? patch.sampleCharacteristics
      : current.metadata) as SampleInput["metadata"],
  };
  const updated = await withSciCatFieldNames(() => updateSample(caller, sampleId, input), sciCatNames);
  const owner = [current.proposal.piFirstname, current.proposal.piLastname].filter(Boolean).join(" ");
  return toSciCatSample(updated, current.proposal.proposalId, owner);
}

/** `GET Samples?filter=`: equality on sampleId or proposalId (one of them is required). */
export async function findSciCatSamples(caller: Caller, filter: Record<string, unknown>) {
  const { where, limit, skip } = equalityFilter(filter, ["sampleId", "proposalId"] as const);
  try {
    if (where.sampleId !== undefined) {
      const sample = await getSciCatSample(caller, where.sampleId);
      return where.proposalId === undefined || sample.proposalId === where.proposalId ? [sample].slice(skip) : [];
    }
    if (where.proposalId !== undefined) {
      const proposal = await getProposal(caller, where.proposalId);
      const owner = [proposal.piFirstname, proposal.piLastname].filter(Boolean).join(" ");
      return proposal.samples
        .slice(skip, skip + limit)
        .map((sample) => toSciCatSample(sample, proposal.proposalId, owner));
    }
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
  throw new DomainError('Filter Samples by sampleId or proposalId, e.g. {"where":{"proposalId":"2026-0042"}}', 400);
}
