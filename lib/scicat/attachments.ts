import "server-only";
import type { Caller } from "@/lib/auth/caller";
import {
  addAttachment,
  type ApiAttachment,
  type AttachmentTarget,
  deleteAttachment,
  getAttachment,
  listAttachments,
  ownerOf,
} from "@/lib/attachments/attachments";
import type { AttachmentInput } from "@/lib/schemas/attachment";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import type { SciCatVersion } from "./dataset-documents";
import { checkSciCatKeys } from "./documents";

/**
 * SciCat Attachments. v3 attaches through the owner's path (`Datasets/{pid}/attachments`) and shows
 * `datasetId`/`sampleId`/`proposalId`; v4 posts to `attachments`, names the owner in
 * `relationships` and calls the id `aid`.
 */

const relationType = "is attached to";

function relationships(attachment: ApiAttachment) {
  const owners: [string | null, string][] = [
    [attachment.datasetId, "dataset"],
    [attachment.sampleId, "sample"],
    [attachment.proposalId, "proposal"],
  ];
  return owners.flatMap(([targetId, targetType]) => (targetId ? [{ targetId, targetType, relationType }] : []));
}

export function toSciCatAttachment(attachment: ApiAttachment, version: SciCatVersion) {
  const common = {
    caption: attachment.caption,
    thumbnail: attachment.thumbnail,
    ownerGroup: attachment.ownerGroup,
    accessGroups: attachment.accessGroups,
    isPublished: false,
    instrumentGroup: null,
    createdBy: attachment.createdBy,
    updatedBy: attachment.createdBy,
    createdAt: attachment.createdAt,
    updatedAt: attachment.updatedAt,
  };
  if (version === 4) return { aid: attachment.id, ...common, relationships: relationships(attachment) };
  return {
    id: attachment.id,
    _id: attachment.id,
    ...common,
    datasetId: attachment.datasetId ?? undefined,
    sampleId: attachment.sampleId ?? undefined,
    proposalId: attachment.proposalId ?? undefined,
  };
}

const storedKeys = ["thumbnail", "caption", "ownerGroup", "accessGroups"] as const;
const ownerKeys = ["datasetId", "sampleId", "proposalId", "relationships"] as const;
const notStored = [
  "isPublished",
  "instrumentGroup",
  "aid",
  "id",
  "_id",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
] as const;

const targetKinds: Record<string, AttachmentTarget["kind"]> = {
  dataset: "dataset",
  sample: "sample",
  proposal: "proposal",
};

/** The one record a v4 attachment names in `relationships`. */
function targetOf(relations: unknown): AttachmentTarget {
  const list = Array.isArray(relations) ? relations : [];
  const targets = list.flatMap((relation: unknown) => {
    const { targetId, targetType } = (relation ?? {}) as { targetId?: unknown; targetType?: unknown };
    const kind = typeof targetType === "string" ? targetKinds[targetType.toLowerCase()] : undefined;
    return kind && typeof targetId === "string" && targetId ? [{ kind, id: targetId }] : [];
  });
  if (targets.length !== 1)
    throw new DomainError(
      'relationships: name exactly one record, e.g. [{"targetId":"<pid>","targetType":"dataset","relationType":"is attached to"}]',
      400,
    );
  return targets[0];
}

/** `POST {Datasets|Samples|Proposals}/{id}/attachments` (v3) or `POST attachments` (v4). */
export async function createSciCatAttachment(
  caller: Caller,
  document: unknown,
  version: SciCatVersion,
  pathTarget?: AttachmentTarget,
) {
  const body = checkSciCatKeys(document, "Attachment", [...storedKeys, ...ownerKeys], notStored);
  const named = pathTarget ?? (body.relationships !== undefined ? targetOf(body.relationships) : undefined);
  const target =
    named ??
    (typeof body.datasetId === "string"
      ? { kind: "dataset" as const, id: body.datasetId }
      : typeof body.sampleId === "string"
        ? { kind: "sample" as const, id: body.sampleId }
        : typeof body.proposalId === "string"
          ? { kind: "proposal" as const, id: body.proposalId }
          : undefined);
  if (!target)
    throw new DomainError("Name the dataset, sample or proposal the attachment belongs to (relationships)", 400);
  const input = Object.fromEntries(storedKeys.map((key) => [key, body[key]])) as AttachmentInput;
  return toSciCatAttachment(await addAttachment(caller, target, input), version);
}

export async function listSciCatAttachments(caller: Caller, target: AttachmentTarget, version: SciCatVersion) {
  return (await listAttachments(caller, target)).map((attachment) => toSciCatAttachment(attachment, version));
}

export async function getSciCatAttachment(
  caller: Caller,
  id: string,
  version: SciCatVersion,
  target?: AttachmentTarget,
) {
  return toSciCatAttachment(await getAttachment(caller, id, target), version);
}

/**
 * `GET attachments?filter=` (v4): the attachments of the record named by
 * `{"where":{"relationships.targetId": id}}` (or datasetId, sampleId, proposalId). An id that names
 * no record the caller may read gives an empty list, as in SciCat.
 */
export async function findSciCatAttachments(caller: Caller, filter: Record<string, unknown>, version: SciCatVersion) {
  const where = (filter.where ?? {}) as Record<string, unknown>;
  const keys: [string, AttachmentTarget["kind"][]][] = [
    ["relationships.targetId", ["dataset", "sample", "proposal"]],
    ["datasetId", ["dataset"]],
    ["sampleId", ["sample"]],
    ["proposalId", ["proposal"]],
  ];
  const given = keys.filter(([key]) => where && typeof where === "object" && key in where);
  const [key, kinds] = given[0] ?? [];
  const id = key ? where[key] : undefined;
  if (given.length !== 1 || typeof id !== "string" || Object.keys(where).length !== 1)
    throw new DomainError(
      'Filter attachments by the record they belong to, e.g. {"where":{"relationships.targetId":"<pid>"}}',
      400,
    );
  // A kind the caller may not read (a token without its scope) does not hide the others.
  let refused: ForbiddenError | undefined;
  for (const kind of kinds ?? []) {
    try {
      return await listSciCatAttachments(caller, { kind, id }, version);
    } catch (error) {
      if (error instanceof ForbiddenError) refused ??= error;
      else if (!(error instanceof NotFoundError)) throw error;
    }
  }
  if (refused && kinds?.length === 1) throw refused;
  return [];
}

/**
 * `DELETE {Datasets|Samples|Proposals}/{id}/attachments/{aid}` (v3) and `DELETE attachments/{aid}`
 * (v4): by whoever may change the record it belongs to; answers the removed attachment.
 */
export async function deleteSciCatAttachment(
  caller: Caller,
  id: string,
  version: SciCatVersion,
  target?: AttachmentTarget,
) {
  const attachment = await getAttachment(caller, id, target);
  await deleteAttachment(caller, target ?? ownerOf(attachment), id);
  return toSciCatAttachment(attachment, version);
}
