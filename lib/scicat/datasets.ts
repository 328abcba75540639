import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { addOrigDatablock, type ApiOrigDatablock, listOrigDatablocks } from "@/lib/datasets/add-origdatablock";
import { type ApiDataset } from "@/lib/datasets/api-json";
import { countDatasets, getDataset, searchDatasets } from "@/lib/datasets/queries";
import { registerDataset } from "@/lib/datasets/register-dataset";
import { updateDataset } from "@/lib/datasets/update-dataset";
import { listAttachments } from "@/lib/attachments/attachments";
import {
  type DatasetInput,
  type DatasetUpdateInput,
  type OrigDatablockInput,
  datasetSchema,
} from "@/lib/schemas/dataset";
import { DomainError, NotFoundError } from "@/lib/shared/errors";
import { toSciCatAttachment } from "./attachments";
import { fromSciCatDataset, type SciCatVersion, toSciCatDataset } from "./dataset-documents";
import { boundedCount, datasetOrder, datasetWhere, fullqueryWhere, maxLimit } from "./dataset-filters";
import { checkSciCatKeys } from "./documents";

export async function createSciCatDataset(caller: Caller, document: unknown, version: SciCatVersion) {
  const { dataset, created } = await registerDataset(caller, fromSciCatDataset(document) as DatasetInput);
  return { dataset: toSciCatDataset(dataset, version), created };
}

/** SciCat replaces `scientificMetadata` whole on PATCH (the native API merges it). */
export async function updateSciCatDataset(caller: Caller, pid: string, document: unknown, version: SciCatVersion) {
  const patch = fromSciCatDataset(document) as DatasetUpdateInput;
  return toSciCatDataset(await updateDataset(caller, pid, patch, "replace"), version);
}

/**
 * `POST datasets/isValid` (v4; scitacean asks it before uploading): whether the document would be
 * accepted, with the reasons when not, without storing anything.
 */
export function validateSciCatDataset(document: unknown) {
  try {
    const parsed = datasetSchema.safeParse(fromSciCatDataset(document));
    if (parsed.success) return { valid: true };
    return {
      valid: false,
      reason: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    };
  } catch (error) {
    if (error instanceof DomainError) return { valid: false, reason: [{ message: error.message }] };
    throw error;
  }
}

const maxIncludeLimit = 100;

/** Relations a v4 client may ask to be embedded (`include`), as SciCat names them. */
const includable = ["origdatablocks", "attachments"] as const;
type Included = (typeof includable)[number];

export function parseInclude(values: string[]): Included[] {
  const names = values
    .flatMap((value) => value.split(","))
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(includable as readonly string[]).includes(name))
      throw new DomainError(`include: "${name}" is not a relation of a dataset here (${includable.join(", ")})`, 400);
  }
  return [...new Set(names)] as Included[];
}

const sciCatBlock = (block: ApiOrigDatablock) => ({
  ...block,
  _id: block.id,
  isPublished: false,
  updatedBy: block.createdBy,
  updatedAt: block.createdAt,
  instrumentGroup: null,
});

/** A dataset already read, with the relations asked for embedded. */
async function withIncluded(caller: Caller, dataset: ApiDataset, version: SciCatVersion, include: Included[]) {
  const related: Record<string, unknown> = {};
  if (include.includes("origdatablocks"))
    related.origdatablocks = (await listOrigDatablocks(caller, dataset.pid)).map(sciCatBlock);
  if (include.includes("attachments"))
    related.attachments = (await listAttachments(caller, { kind: "dataset", id: dataset.pid })).map((attachment) =>
      toSciCatAttachment(attachment, version),
    );
  return { ...toSciCatDataset(dataset, version), ...related };
}

export async function getSciCatDataset(caller: Caller, pid: string, version: SciCatVersion, include: Included[] = []) {
  return withIncluded(caller, await getDataset(caller, pid), version, include);
}

const blockFields = ["size", "chkAlg", "dataFileList", "datasetId"] as const;
const blockFieldsNotStored = [
  "ownerGroup",
  "accessGroups",
  "instrumentGroup",
  "isPublished",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
] as const;

/**
 * `POST Datasets/{pid}/origdatablocks` (v3) and `POST origdatablocks` (v4, which names the dataset
 * in `datasetId`). The block's groups are its dataset's.
 */
export async function addSciCatOrigDatablock(caller: Caller, pid: string | undefined, document: unknown) {
  const { datasetId, ...block } = checkSciCatKeys(document, "OrigDatablock", blockFields, blockFieldsNotStored);
  const target = pid ?? datasetId;
  if (typeof target !== "string" || !target)
    throw new DomainError("datasetId: name the dataset the files belong to", 400);
  if (pid !== undefined && datasetId !== undefined && datasetId !== pid)
    throw new DomainError(`datasetId ${String(datasetId)} is not the dataset in the path (${pid})`, 400);
  return sciCatBlock(await addOrigDatablock(caller, target, block as OrigDatablockInput));
}

export async function listSciCatOrigDatablocks(caller: Caller, pid: string) {
  return (await listOrigDatablocks(caller, pid)).map(sciCatBlock);
}

/**
 * `GET OrigDatablocks?filter={"where":{"datasetId":…}}`: a dataset's blocks (how scitacean finds
 * the files to download). A dataset the caller cannot read gives an empty list, as in SciCat.
 */
export async function findSciCatOrigDatablocks(caller: Caller, filter: Record<string, unknown>) {
  const where = (filter.where ?? {}) as Record<string, unknown>;
  const pid = where && typeof where === "object" ? where.datasetId : undefined;
  if (typeof pid !== "string" || Object.keys(where).length !== 1)
    throw new DomainError('Filter origdatablocks by their dataset, e.g. {"where":{"datasetId":"<pid>"}}', 400);
  try {
    return await listSciCatOrigDatablocks(caller, pid);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** A loopback `fields` projection: a list of names, or an object of name: true. */
function projection(fields: unknown): ((dataset: Record<string, unknown>) => Record<string, unknown>) | null {
  if (fields === undefined) return null;
  const names = Array.isArray(fields)
    ? fields
    : fields && typeof fields === "object"
      ? Object.entries(fields).flatMap(([name, wanted]) => (wanted ? [name] : []))
      : null;
  if (!names || !names.every((name) => typeof name === "string"))
    throw new DomainError('filter.fields: a list of field names, e.g. ["pid","datasetName"]', 400);
  return (dataset) => Object.fromEntries(names.filter((name) => name in dataset).map((name) => [name, dataset[name]]));
}

/** Paging of a SciCat query: loopback's top-level `limit`/`skip`/`order`, or SciCat's `limits`. */
function paging(source: Record<string, unknown>) {
  const limits = (source.limits ?? {}) as Record<string, unknown>;
  if (typeof limits !== "object" || Array.isArray(limits))
    throw new DomainError('limits: an object such as {"skip":0,"limit":100,"order":"creationTime:desc"}', 400);
  return {
    take: boundedCount(limits.limit ?? source.limit, "limit", 1, maxLimit, maxLimit),
    skip: boundedCount(limits.skip ?? source.skip, "skip", 0, Number.MAX_SAFE_INTEGER, 0),
    orderBy: datasetOrder(limits.order ?? source.order),
  };
}

const filterKeys = ["where", "limit", "skip", "order", "fields", "limits", "include"];

function checkFilterKeys(filter: Record<string, unknown>) {
  for (const key of Object.keys(filter)) {
    if (!filterKeys.includes(key))
      throw new DomainError(`The filter key "${key}" is not supported here (${filterKeys.join(", ")})`, 400);
  }
}

/**
 * `GET Datasets?filter=`: loopback's where (see dataset-filters.ts), paging, a fields projection,
 * and include of origdatablocks and attachments. At most 1000 per page; SciCat has no ceiling.
 */
export async function findSciCatDatasets(caller: Caller, filter: Record<string, unknown>, version: SciCatVersion) {
  checkFilterKeys(filter);
  const include = filter.include === undefined ? [] : parseInclude(includeNames(filter.include));
  const pick = projection(filter.fields);
  const page = paging(filter);
  // Each dataset with its relations is several reads and can be large: fewer per page.
  if (include.length && page.take > maxIncludeLimit)
    throw new DomainError(`With include, ask for at most ${maxIncludeLimit} datasets a page (limit)`, 400);
  const found = await searchDatasets(caller, datasetWhere(filter.where), page);
  const documents = await Promise.all(
    found.map((dataset) =>
      include.length ? withIncluded(caller, dataset, version, include) : toSciCatDataset(dataset, version),
    ),
  );
  return pick ? documents.map((document) => pick(document)) : documents;
}

/** loopback's `include`: a name, a list of names, or a list of {relation: name}. */
function includeNames(include: unknown): string[] {
  const list = Array.isArray(include) ? include : [include];
  return list.map((entry) => {
    if (typeof entry === "string") return entry;
    if (entry && typeof entry === "object" && typeof (entry as { relation?: unknown }).relation === "string")
      return (entry as { relation: string }).relation;
    throw new DomainError('filter.include: relation names such as "origdatablocks"', 400);
  });
}

/** `GET Datasets/fullquery?fields=&limits=`, SciCat's search of the dataset list. */
export async function fullquerySciCatDatasets(
  caller: Caller,
  fields: unknown,
  limits: unknown,
  version: SciCatVersion,
) {
  const found = await searchDatasets(caller, fullqueryWhere(fields), paging({ limits: limits ?? {} }));
  return found.map((dataset: ApiDataset) => toSciCatDataset(dataset, version));
}

/** `GET Datasets/count?filter={"where":…}`: `{ count }`. */
export async function countSciCatDatasets(caller: Caller, filter: Record<string, unknown>) {
  checkFilterKeys(filter);
  return { count: await countDatasets(caller, datasetWhere(filter.where)) };
}

/** `GET Datasets/findOne?filter=`: the first match, or nothing (SciCat answers an empty 200). */
export async function findOneSciCatDataset(caller: Caller, filter: Record<string, unknown>, version: SciCatVersion) {
  const limits = filter.limits && typeof filter.limits === "object" ? filter.limits : {};
  const [first] = await findSciCatDatasets(caller, { ...filter, limit: 1, limits: { ...limits, limit: 1 } }, version);
  return first ?? null;
}
