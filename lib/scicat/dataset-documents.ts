import "server-only";
import type { ApiDataset } from "@/lib/datasets/api-json";
import { type FieldErrors, ValidationError } from "@/lib/shared/errors";
import { checkSciCatKeys } from "./documents";
import { withSIUnits } from "./si-units";

/**
 * SciCat Dataset documents ↔ the registry's dataset. The native API already uses SciCat's names;
 * what differs is SciCat's two shapes of the same references: v3's singular `principalInvestigator`
 * (raw) / `investigator` (derived), `proposalId`, `sampleId`, `instrumentId`, and v4's lists
 * `principalInvestigators`, `proposalIds`, `sampleIds`, `instrumentIds`. Both are accepted on both
 * versions; a dataset here belongs to at most one proposal, sample and instrument.
 */

export type SciCatVersion = 3 | 4;

const storedFields = [
  "pid",
  "datasetName",
  "description",
  "type",
  "sourceFolder",
  "sourceFolderHost",
  "size",
  "numberOfFiles",
  "creationTime",
  "startTime",
  "endTime",
  "owner",
  "ownerGroup",
  "accessGroups",
  "contactEmail",
  "keywords",
  "techniques",
  "scientificMetadata",
  "principalInvestigators",
  "creationLocation",
  "dataFormat",
  "license",
  "inputDatasets",
  "usedSoftware",
  "jobParameters",
  "jobLogData",
  "classification",
  "comment",
  "dataQualityMetrics",
  "runNumber",
  "ownerEmail",
  "orcidOfOwner",
  "validationStatus",
  "instrumentGroup",
  "sharedWith",
  "relationships",
  "scientificMetadataSchema",
  "scientificMetadataValid",
  "sampleId",
  "proposalId",
  "instrumentId",
] as const;

/** SciCat's other shape of a stored field. */
const aliases = ["principalInvestigator", "investigator", "proposalIds", "sampleIds", "instrumentIds"] as const;

/** Fields SciCat itself maintains (archiving, versions, audit): accepted as clients echo them, not kept. */
const serverManaged = [
  "isPublished",
  "version",
  "history",
  "datasetlifecycle",
  "numberOfFilesArchived",
  "packedSize",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
  "_id",
  "id",
] as const;

/** v4's list of one reference as the single one kept here; more than one is a field error. */
function single(list: unknown, field: string, errors: FieldErrors): unknown {
  if (!Array.isArray(list)) return list;
  const values = list.filter((value) => value !== null);
  if (values.length > 1)
    errors[field] = [`A dataset here belongs to one ${field.replace(/Ids$/, "")}; ${values.length} were given`];
  return values[0];
}

/** A SciCat Dataset document (create or change) as the registry's dataset input. */
export function fromSciCatDataset(document: unknown): Record<string, unknown> {
  const body = checkSciCatKeys(document, "Dataset", [...storedFields, ...aliases], serverManaged);
  const errors: FieldErrors = {};
  const { principalInvestigator, investigator, proposalIds, sampleIds, instrumentIds, ...input } = body;
  if (input.principalInvestigators === undefined) {
    const named = [principalInvestigator, investigator].filter((name) => name !== undefined && name !== null);
    if (named.length) input.principalInvestigators = [...new Set(named)];
  }
  if (input.proposalId === undefined && proposalIds !== undefined)
    input.proposalId = single(proposalIds, "proposalIds", errors);
  if (input.sampleId === undefined && sampleIds !== undefined) input.sampleId = single(sampleIds, "sampleIds", errors);
  if (input.instrumentId === undefined && instrumentIds !== undefined)
    input.instrumentId = single(instrumentIds, "instrumentIds", errors);
  if (Object.keys(errors).length) throw new ValidationError("The Dataset was not saved", errors);
  return input;
}

/**
 * What SciCat shows for archiving and publishing, which this registry does not do: on disk, never
 * archived. SciCat's dates of its retention and publication policies are, without such policies,
 * the dataset's creation, as here.
 */
const lifecycle = (createdAt: string) => ({
  dateOfDiskPurging: createdAt,
  archiveRetentionTime: createdAt,
  dateOfPublishing: createdAt,
  publishedOn: createdAt,
  archivable: false,
  retrievable: false,
  publishable: false,
  isOnCentralDisk: true,
  archiveStatusMessage: "datasetCreated",
  retrieveStatusMessage: "",
  archiveReturnMessage: {},
  retrieveReturnMessage: {},
  retrieveIntegrityCheck: false,
});

/** SciCat's default classification of a dataset that names none. */
const defaultClassification = "IN=medium,AV=low,CO=low";

/**
 * A dataset as SciCat shows it, in v3's or v4's shape. Fields SciCat maintains and this registry
 * has no counterpart for carry SciCat's values for "never archived, never published".
 */
export function toSciCatDataset(dataset: ApiDataset, version: SciCatVersion) {
  const { sampleId, proposalId, instrumentId, ...fields } = dataset;
  const document = {
    ...fields,
    scientificMetadata: withSIUnits(dataset.scientificMetadata),
    classification: dataset.classification ?? defaultClassification,
    sharedWith: dataset.sharedWith ?? [],
    relationships: dataset.relationships ?? [],
    isPublished: false,
    packedSize: 0,
    numberOfFilesArchived: 0,
    datasetlifecycle: lifecycle(dataset.createdAt),
    history: [],
    version: String(version),
    updatedBy: dataset.createdBy,
    principalInvestigators: dataset.principalInvestigators,
    proposalIds: proposalId === null ? [] : [proposalId],
    sampleIds: sampleId === null ? [] : [sampleId],
    instrumentIds: instrumentId === null ? [] : [instrumentId],
  };
  if (version === 4) return document;
  return {
    ...document,
    // SciCat 4 answers v3 with principalInvestigator for raw and derived (a derived one's investigator).
    principalInvestigator: dataset.principalInvestigators[0] ?? null,
    proposalId,
    sampleId,
    instrumentId,
  };
}
