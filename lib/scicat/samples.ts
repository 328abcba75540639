import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { ConflictError, DomainError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { positionLabel } from "@/lib/shared/tray-positions";
import { readableProposals } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { createSample } from "@/lib/samples/create-sample";
import { getSample } from "@/lib/samples/queries";
import { updateSample } from "@/lib/samples/update-sample";
import type { SampleInput } from "@/lib/schemas/sample";
import { checkSciCatKeys, withSciCatFieldNames } from "./documents";
import { withSIUnits } from "./si-units";
import { equalityFilter } from "./filters";

/**
 * SciCat Sample ↔ our sample: `sampleId` is the specimenId, `sampleCharacteristics` the metadata,
 * `description` the description. SciCat has no name for a sample; ours (printed on the label) is
 * `specimenName` when sent, else the first line of the description, else the sampleId. A sample
 * belongs to the proposal named by `proposalId`, and its groups are the proposal's; its owner is the
 * one sent, else the proposal's PI.
 */
const sampleFields = [
  "sampleId",
  "owner",
  "description",
  "sampleCharacteristics",
  "proposalId",
  "specimenName",
] as const;
const sampleFieldsNotStored = [
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
  owner: string | null;
  metadata: Prisma.JsonValue;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

/** What a SciCat sample shows of its proposal: owner (the PI) and groups are the proposal's. */
type SampleProposal = {
  proposalId: string;
  ownerGroup: string;
  accessGroups: string[];
  piFirstname: string | null;
  piLastname: string | null;
};

const sampleProposalFields = {
  proposalId: true,
  ownerGroup: true,
  accessGroups: true,
  piFirstname: true,
  piLastname: true,
} as const;

function toSciCatSample(sample: SampleRecord, proposal: SampleProposal) {
  const pi = [proposal.piFirstname, proposal.piLastname].filter(Boolean).join(" ");
  return {
    sampleId: sample.specimenId,
    owner: sample.owner ?? (pi || proposal.ownerGroup),
    description: sample.description,
    sampleCharacteristics: withSIUnits(sample.metadata ?? {}),
    proposalId: proposal.proposalId,
    ownerGroup: proposal.ownerGroup,
    accessGroups: proposal.accessGroups,
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
    owner: body.owner as string | undefined,
    metadata: (body.sampleCharacteristics ?? {}) as SampleInput["metadata"],
  };
  const names = { ...sciCatNames, specimenName: body.specimenName === undefined ? "description" : "specimenName" };
  const created = await withSciCatFieldNames(() => createSample(caller, proposalId, input), names);
  const prisma = await db();
  const proposal = await prisma.proposal.findUniqueOrThrow({ where: { proposalId }, select: sampleProposalFields });
  return toSciCatSample(created, proposal);
}

export async function getSciCatSample(caller: Caller, sampleId: string) {
  const sample = await getSample(caller, sampleId);
  return toSciCatSample(sample, sample.proposal);
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
    owner: ("owner" in patch ? patch.owner : current.owner) as string | undefined,
    trayId: current.tray?.trayId,
    position: current.tray && current.position ? positionLabel(current.tray, current.position) : undefined,
    status: current.status,
    metadata: ("sampleCharacteristics" in patch
      ? patch.sampleCharacteristics
      : current.metadata) as SampleInput["metadata"],
  };
  const updated = await withSciCatFieldNames(() => updateSample(caller, sampleId, input), sciCatNames);
  return toSciCatSample(updated, current.proposal);
}

const characteristicsPrefix = "sampleCharacteristics.";

/**
 * `GET Samples?filter=`: the samples the caller may read, by equality on sampleId, proposalId,
 * ownerGroup, or a value in sampleCharacteristics (`"sampleCharacteristics.stage": "pupa"`, one
 * or more keys deep), one page of them.
 */
export async function findSciCatSamples(caller: Caller, filter: Record<string, unknown>) {
  const where = (filter.where ?? {}) as Record<string, unknown>;
  if (!where || typeof where !== "object" || Array.isArray(where))
    throw new DomainError("filter.where must be a JSON object of field: value", 400);
  const characteristics = Object.entries(where).filter(([key]) => key.startsWith(characteristicsPrefix));
  const named = Object.fromEntries(Object.entries(where).filter(([key]) => !key.startsWith(characteristicsPrefix)));
  const {
    where: equal,
    limit,
    skip,
  } = equalityFilter({ ...filter, where: named }, ["sampleId", "proposalId", "ownerGroup"] as const);
  const conditions: Prisma.SampleWhereInput[] = characteristics.map(([key, value]) => {
    const path = key.slice(characteristicsPrefix.length).split(".");
    if (path.some((part) => !part) || path.length > 5)
      throw new DomainError(`${key}: name a key of sampleCharacteristics, at most 5 levels deep`, 400);
    if (value === null || typeof value === "object")
      throw new DomainError(`${key}: only equality with a value is supported here`, 400);
    return { metadata: { path, equals: value as Prisma.InputJsonValue } };
  });
  if (equal.sampleId !== undefined) conditions.push({ specimenId: equal.sampleId });
  const proposal: Prisma.ProposalWhereInput = {
    AND: [
      readableProposals(caller, "samples:read"),
      ...(equal.proposalId !== undefined ? [{ proposalId: equal.proposalId }] : []),
      ...(equal.ownerGroup !== undefined ? [{ ownerGroup: equal.ownerGroup }] : []),
    ],
  };
  const prisma = await db();
  const rows = await prisma.sample.findMany({
    where: { AND: [{ proposal: { is: proposal } }, ...conditions] },
    orderBy: [{ createdAt: "asc" }, { specimenId: "asc" }],
    skip,
    take: limit,
    include: { proposal: { select: sampleProposalFields } },
  });
  return rows.map((sample) => toSciCatSample(sample, sample.proposal));
}
