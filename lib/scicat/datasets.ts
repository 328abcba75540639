import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { addOrigDatablock } from "@/lib/datasets/add-origdatablock";
import { type ApiDataset } from "@/lib/datasets/api-json";
import { getDataset, listDatasets } from "@/lib/datasets/queries";
import { registerDataset } from "@/lib/datasets/register-dataset";
import { updateDataset } from "@/lib/datasets/update-dataset";
import { NotFoundError } from "@/lib/shared/errors";
import type { DatasetInput, DatasetUpdateInput, OrigDatablockInput } from "@/lib/schemas/dataset";
import { checkSciCatKeys } from "./documents";
import { equalityFilter } from "./filters";

/** Dataset fields this registry stores; the native API uses SciCat's names for all of them. */
const datasetFields = [
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
  "sampleId",
  "proposalId",
  "instrumentId",
] as const;

/** SciCat Dataset fields (raw and derived, as pyscicat's models send them) with no place here. */
const datasetFieldsNotStored = [
  "isPublished",
  "creationLocation",
  "principalInvestigator",
  "dataFormat",
  "classification",
  "license",
  "version",
  "validationStatus",
  "ownerEmail",
  "orcidOfOwner",
  "history",
  "sharedWith",
  "instrumentGroup",
  "numberOfFilesArchived",
  "packedSize",
  "investigator",
  "inputDatasets",
  "usedSoftware",
  "jobParameters",
  "jobLogData",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
] as const;

/** A dataset as SciCat shows it: the native JSON already uses SciCat's names. */
export const toSciCatDataset = (dataset: ApiDataset) => ({ ...dataset, isPublished: false });

export async function createSciCatDataset(caller: Caller, document: unknown) {
  const input = checkSciCatKeys(document, "Dataset", datasetFields, datasetFieldsNotStored);
  const { dataset, created } = await registerDataset(caller, input as DatasetInput);
  return { dataset: toSciCatDataset(dataset), created };
}

export async function updateSciCatDataset(caller: Caller, pid: string, document: unknown) {
  const patch = checkSciCatKeys(document, "Dataset", datasetFields, datasetFieldsNotStored);
  return toSciCatDataset(await updateDataset(caller, pid, patch as DatasetUpdateInput));
}

export async function getSciCatDataset(caller: Caller, pid: string) {
  return toSciCatDataset(await getDataset(caller, pid));
}

/** SciCat DataFile fields this registry keeps, and those it accepts without keeping. */
const blockFields = ["size", "chkAlg", "dataFileList"] as const;
const blockFieldsNotStored = [
  "ownerGroup",
  "accessGroups",
  "instrumentGroup",
  "datasetId",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
] as const;

export async function addSciCatOrigDatablock(caller: Caller, pid: string, document: unknown) {
  const block = checkSciCatKeys(document, "OrigDatablock", blockFields, blockFieldsNotStored);
  // pyscicat types chkAlg as a number; it names an algorithm, so it is kept as text.
  if (typeof block.chkAlg === "number") block.chkAlg = String(block.chkAlg);
  return addOrigDatablock(caller, pid, block as OrigDatablockInput);
}

const filterFields = ["pid", "sampleId", "proposalId", "datasetName", "type"] as const;

/**
 * `GET Datasets?filter=`: equality on pid, sampleId, proposalId, datasetName, type. A sample or
 * proposal the caller cannot see gives an empty list, as in SciCat. sampleId and proposalId are
 * filtered by the domain; datasetName and type are matched here, page by page.
 */
export async function findSciCatDatasets(caller: Caller, filter: Record<string, unknown>) {
  const { where, limit, skip } = equalityFilter(filter, filterFields);
  const matches = (dataset: ApiDataset) =>
    filterFields.every((field) => where[field] === undefined || dataset[field] === where[field]);
  if (where.pid !== undefined) {
    try {
      const dataset = await getDataset(caller, where.pid);
      return matches(dataset) && skip === 0 ? [toSciCatDataset(dataset)] : [];
    } catch (error) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  }
  const found: ApiDataset[] = [];
  const pageSize = 1000;
  try {
    for (let offset = 0; found.length < skip + limit; offset += pageSize) {
      const page = await listDatasets(caller, {
        sampleId: where.sampleId,
        proposalId: where.proposalId,
        limit: pageSize,
        skip: offset,
      });
      found.push(...page.datasets.filter(matches));
      if (offset + pageSize >= page.total) break;
    }
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
  return found.slice(skip, skip + limit).map(toSciCatDataset);
}
