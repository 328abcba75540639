import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SciCatOnlyDatasetField } from "@/lib/schemas/dataset";

/** What the API answers for a dataset: SciCat's field names, references as human IDs, ISO dates. */

export const withReferences = {
  sample: { select: { specimenId: true } },
  proposal: { select: { proposalId: true } },
  instrument: { select: { pid: true } },
} as const;

export type StoredDataset = Prisma.DatasetGetPayload<{ include: typeof withReferences }>;

/** JSON numbers are exact up to 2^53 (9 PB); a larger byte count is given as a string of digits. */
export const bytesToJson = (bytes: bigint) =>
  bytes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bytes) : bytes.toString();

/** The SciCat-only fields as stored: an object of the fields lib/schemas/dataset.ts allows. */
function sciCatOnlyFields(stored: Prisma.JsonValue): Partial<Record<SciCatOnlyDatasetField, Prisma.JsonValue>> {
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

/** A dataset as the API shows it: SciCat names, human IDs for the references, ISO dates. */
export function toApiDataset(dataset: StoredDataset) {
  return {
    pid: dataset.pid,
    datasetName: dataset.datasetName,
    description: dataset.description,
    type: dataset.type,
    sourceFolder: dataset.sourceFolder,
    sourceFolderHost: dataset.sourceFolderHost,
    size: bytesToJson(dataset.size),
    numberOfFiles: dataset.numberOfFiles,
    creationTime: dataset.creationTime.toISOString(),
    startTime: dataset.startTime?.toISOString() ?? null,
    endTime: dataset.endTime?.toISOString() ?? null,
    owner: dataset.owner,
    ownerGroup: dataset.ownerGroup,
    accessGroups: dataset.accessGroups,
    contactEmail: dataset.contactEmail,
    keywords: dataset.keywords,
    techniques: dataset.techniques,
    scientificMetadata: dataset.scientificMetadata,
    principalInvestigators: dataset.principalInvestigators,
    creationLocation: dataset.creationLocation,
    dataFormat: dataset.dataFormat,
    license: dataset.license,
    inputDatasets: dataset.inputDatasets,
    usedSoftware: dataset.usedSoftware,
    jobParameters: dataset.jobParameters,
    jobLogData: dataset.jobLogData,
    ...sciCatOnlyFields(dataset.sciCatFields),
    sampleId: dataset.sample?.specimenId ?? null,
    proposalId: dataset.proposal?.proposalId ?? null,
    instrumentId: dataset.instrument?.pid ?? null,
    createdBy: dataset.createdBy,
    createdAt: dataset.createdAt.toISOString(),
    updatedAt: dataset.updatedAt.toISOString(),
  };
}

export type ApiDataset = ReturnType<typeof toApiDataset>;

/** A dataset's fields as the audit log records an update. */
export function auditedFields(dataset: StoredDataset) {
  const { pid: _pid, createdAt: _createdAt, updatedAt: _updatedAt, createdBy: _by, ...fields } = toApiDataset(dataset);
  return fields;
}
