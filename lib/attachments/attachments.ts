import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { type PublishableChange, queuePublication } from "@/lib/publishing/outbox";
import { type Caller, callerName } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { getDataset } from "@/lib/datasets/queries";
import { db, type DbClient } from "@/lib/platform/db";
import { proposalForChange, proposalForRead, requireRecordAccess } from "@/lib/proposals/access";
import { attachmentSchema, type AttachmentInput, maxAttachmentsPerRecord } from "@/lib/schemas/attachment";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import { parseOrThrow } from "@/lib/shared/validation";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What an attachment belongs to, by human ID: a dataset's pid, a sample's ID, a proposal's ID. */
export type AttachmentTarget = { kind: "dataset" | "sample" | "proposal"; id: string };

export const withOwners = {
  dataset: { select: { pid: true } },
  sample: { select: { specimenId: true } },
  proposal: { select: { proposalId: true } },
} as const;

type StoredAttachment = Prisma.AttachmentGetPayload<{ include: typeof withOwners }>;

export function toApiAttachment(attachment: StoredAttachment) {
  return {
    id: attachment.id,
    caption: attachment.caption,
    thumbnail: attachment.thumbnail,
    datasetId: attachment.dataset?.pid ?? null,
    sampleId: attachment.sample?.specimenId ?? null,
    proposalId: attachment.proposal?.proposalId ?? null,
    ownerGroup: attachment.ownerGroup,
    accessGroups: attachment.accessGroups,
    createdBy: attachment.createdBy,
    createdAt: attachment.createdAt.toISOString(),
    updatedAt: attachment.updatedAt.toISOString(),
  };
}

export type ApiAttachment = ReturnType<typeof toApiAttachment>;

/** The record an attachment belongs to. */
export const ownerOf = (attachment: ApiAttachment): AttachmentTarget =>
  attachment.datasetId
    ? { kind: "dataset", id: attachment.datasetId }
    : attachment.sampleId
      ? { kind: "sample", id: attachment.sampleId }
      : { kind: "proposal", id: attachment.proposalId ?? "" };

type Owner = {
  link: Pick<Prisma.AttachmentUncheckedCreateInput, "datasetId" | "sampleId" | "proposalId">;
  ownerGroup: string | null;
  accessGroups: string[];
  proposalId?: string;
};

/** The record an attachment is for, if the caller may change it (who may add files may add images). */
async function ownerForChange(client: DbClient, caller: Caller, target: AttachmentTarget): Promise<Owner> {
  if (target.kind === "dataset") {
    requireStaffOrScope(caller, "datasets:write", "Attaching images to datasets");
    const dataset = await client.dataset.findUnique({
      where: { pid: target.id },
      select: { id: true, ownerGroup: true, accessGroups: true, proposal: { select: { proposalId: true } } },
    });
    if (!dataset) throw new NotFoundError(`Dataset ${target.id}`);
    return { link: { datasetId: dataset.id }, ...dataset, proposalId: dataset.proposal?.proposalId };
  }
  if (target.kind === "sample") {
    const sample = await client.sample.findUnique({
      where: { specimenId: target.id },
      select: { id: true, proposal: { select: { proposalId: true, ownerGroup: true, accessGroups: true } } },
    });
    if (!sample) throw new NotFoundError(`Sample ${target.id}`);
    const record = { what: `Sample ${target.id}`, proposalId: sample.proposal.proposalId };
    await requireRecordAccess(client, caller, record, "change", "samples:write");
    return { link: { sampleId: sample.id }, ...sample.proposal };
  }
  const proposal = await proposalForChange(client, caller, target.id);
  return { link: { proposalId: proposal.id }, ...proposal };
}

const ownerEntities = { dataset: "Dataset", sample: "Sample", proposal: "Proposal" } as const;

/** An attachment's change as the SciCat outbox takes it. */
function attachmentChange(id: string, target: AttachmentTarget, proposalId: string | undefined): PublishableChange {
  return {
    entity: "Attachment",
    id,
    owner: { entity: ownerEntities[target.kind], key: target.id },
    proposalId: proposalId ?? null,
  };
}

/** Checks the caller may read the record an attachment is for; "not found" otherwise. */
async function requireReadable(client: DbClient, caller: Caller, target: AttachmentTarget): Promise<void> {
  if (target.kind === "dataset") {
    await getDataset(caller, target.id);
  } else if (target.kind === "sample") {
    const sample = await client.sample.findUnique({
      where: { specimenId: target.id },
      select: { proposal: { select: { proposalId: true } } },
    });
    if (!sample) throw new NotFoundError(`Sample ${target.id}`);
    const record = { what: `Sample ${target.id}`, proposalId: sample.proposal.proposalId };
    await requireRecordAccess(client, caller, record, "read", "samples:read");
  } else {
    await proposalForRead(client, caller, target.id);
  }
}

const whereTarget = (target: AttachmentTarget): Prisma.AttachmentWhereInput =>
  target.kind === "dataset"
    ? { dataset: { is: { pid: target.id } } }
    : target.kind === "sample"
      ? { sample: { is: { specimenId: target.id } } }
      : { proposal: { is: { proposalId: target.id } } };

/** Attaches a thumbnail to a dataset, sample or proposal; its groups default to the record's. */
export async function addAttachment(caller: Caller, target: AttachmentTarget, input: AttachmentInput) {
  const values = parseOrThrow(attachmentSchema, input, "The attachment was not saved");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const owner = await ownerForChange(tx, caller, target);
    if ((await tx.attachment.count({ where: whereTarget(target) })) >= maxAttachmentsPerRecord) {
      const message = `A ${target.kind} holds at most ${maxAttachmentsPerRecord} attachments; remove one first`;
      throw new ConflictError(message, { thumbnail: [message] });
    }
    const created = await tx.attachment.create({
      data: {
        ...owner.link,
        caption: values.caption,
        thumbnail: values.thumbnail,
        ownerGroup: values.ownerGroup ?? owner.ownerGroup,
        accessGroups: values.accessGroups ?? owner.accessGroups,
        createdBy: callerName(caller),
      },
      include: withOwners,
    });
    const changes = { [target.kind]: target.id, caption: created.caption, bytes: created.thumbnail.length };
    await audit(tx, caller, "CREATE", "Attachment", created.id, changes, owner.proposalId);
    await queuePublication(tx, attachmentChange(created.id, target, owner.proposalId));
    return toApiAttachment(created);
  });
}

/** The attachments of a record the caller may read, oldest first. */
export async function listAttachments(caller: Caller, target: AttachmentTarget): Promise<ApiAttachment[]> {
  const prisma = await db();
  await requireReadable(prisma, caller, target);
  const rows = await prisma.attachment.findMany({
    where: whereTarget(target),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: maxAttachmentsPerRecord,
    include: withOwners,
  });
  return rows.map(toApiAttachment);
}

/**
 * The images of a sample's page: the sample's own attachments and those of its datasets, oldest
 * first, if the caller may read the sample (its datasets are of its proposal).
 */
export async function listSampleImages(caller: Caller, specimenId: string): Promise<ApiAttachment[]> {
  const prisma = await db();
  await requireReadable(prisma, caller, { kind: "sample", id: specimenId });
  const rows = await prisma.attachment.findMany({
    where: {
      OR: [{ sample: { is: { specimenId } } }, { dataset: { is: { sample: { is: { specimenId } } } } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    // The sample's own and its datasets': a bounded page, the oldest first.
    take: 3 * maxAttachmentsPerRecord,
    include: withOwners,
  });
  return rows.map(toApiAttachment);
}

/** One attachment, if the caller may read what it is attached to; "not found" otherwise. */
export async function getAttachment(caller: Caller, id: string, target?: AttachmentTarget): Promise<ApiAttachment> {
  const prisma = await db();
  const row = await prisma.attachment.findFirst({
    where: { AND: [{ id }, ...(target ? [whereTarget(target)] : [])] },
    include: withOwners,
  });
  if (!row) throw new NotFoundError(`Attachment ${id}`);
  const attachment = toApiAttachment(row);
  try {
    await requireReadable(prisma, caller, ownerOf(attachment));
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`Attachment ${id}`);
    throw error;
  }
  return attachment;
}

/** Removes an attachment from a record the caller may change. */
export async function deleteAttachment(caller: Caller, target: AttachmentTarget, id: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const owner = await ownerForChange(tx, caller, target);
    const row = await tx.attachment.findFirst({
      where: { AND: [{ id }, whereTarget(target)] },
      select: { id: true, caption: true },
    });
    if (!row) throw new NotFoundError(`Attachment ${id}`);
    await tx.attachment.delete({ where: { id } });
    await audit(
      tx,
      caller,
      "DELETE",
      "Attachment",
      id,
      { [target.kind]: target.id, caption: row.caption },
      owner.proposalId,
    );
    await queuePublication(tx, attachmentChange(id, target, owner.proposalId));
  });
}
