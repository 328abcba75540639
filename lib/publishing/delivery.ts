import "server-only";
import { toApiAttachment, withOwners } from "@/lib/attachments/attachments";
import { toApiDataset, withReferences } from "@/lib/datasets/api-json";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { toSciCatProposal } from "@/lib/scicat/proposal-document";
import { proposalInclude } from "@/lib/scicat/proposals";
import {
  attachmentDocuments,
  type CreateAndUpdate,
  datablockDocument,
  datasetDocuments,
  fileListFingerprint,
  proposalDocuments,
  sampleDocuments,
  sciCatGroups,
} from "./documents";
import { proposalIsPublished, type PublishedEntity } from "./outbox";
import { SciCatRejection, type SciCatTarget } from "./scicat-client";

/** Where a record lives in SciCat: its id there and the path of its document (v3 or v4 API). */
export type RemoteRecord = { remoteId: string; remotePath: string };

export type DeliveryOutcome =
  | ({ kind: "published" } & RemoteRecord)
  | { kind: "removed" }
  /** Nothing to send: the proposal is not published (any more), or a record never published is gone. */
  | { kind: "skipped"; reason: string };

/** What delivering needs of one record: the database, the target, and what SciCat holds of it. */
type Context = {
  prisma: PrismaClient;
  target: SciCatTarget;
  key: string;
  /** SciCat acknowledged it before (and it was not removed since). */
  known: (RemoteRecord & { removedAt: Date | null }) | null;
  /** A delivery of it was sent and its outcome never recorded: SciCat may hold it, or not. */
  uncertain: boolean;
};

const segment = encodeURIComponent;
const v4 = 4 as const;

const notPublished = (proposal: { publishToSciCat: boolean | null } | null, target: SciCatTarget) =>
  proposal
    ? !proposalIsPublished(proposal.publishToSciCat, target.settings.proposals)
    : target.settings.proposals !== "all";

const withdrawn: DeliveryOutcome = { kind: "skipped", reason: "its proposal is not published to SciCat" };

/**
 * Create-or-update by the record's own key, in as few calls as what we know allows: an update of
 * what SciCat acknowledged (a create if it has lost it), a create of what was never sent (an update
 * if SciCat has it already: 409), and after a delivery whose outcome is unknown, a look first. A
 * delivery repeated after a lost answer so finds the first one, and SciCat never holds two copies.
 */
async function upsert(
  context: Context,
  path: string,
  collection: string,
  documents: CreateAndUpdate,
  version: 3 | 4 = 3,
): Promise<void> {
  const { target } = context;
  const create = () => target.request("POST", collection, { body: documents.create, version });
  const update = () => target.request("PATCH", path, { body: documents.update, version, missing: "null" });
  if (context.known && !context.known.removedAt) {
    if ((await update()) === null) await create();
    return;
  }
  if (context.uncertain) {
    const existing = await target.request("GET", path, { missing: "null", version });
    if (existing === null) await create();
    else await update();
    return;
  }
  try {
    await create();
  } catch (error) {
    if (!(error instanceof SciCatRejection && error.status === 409)) throw error;
    await update();
  }
}

/** A record gone here leaves SciCat too, if it ever reached it. */
async function remove(context: Context, version: 3 | 4): Promise<DeliveryOutcome> {
  if (!context.known || context.known.removedAt) return { kind: "skipped", reason: "deleted before it was published" };
  await context.target.request("DELETE", context.known.remotePath, { missing: "null", version });
  return { kind: "removed" };
}

async function deliverProposal(context: Context): Promise<DeliveryOutcome> {
  const { prisma, target, key } = context;
  const proposal = await prisma.proposal.findUnique({ where: { proposalId: key }, include: proposalInclude });
  if (!proposal) return { kind: "skipped", reason: "the proposal no longer exists" };
  if (notPublished(proposal, target)) return withdrawn;
  const path = `Proposals/${segment(key)}`;
  await upsert(context, path, "Proposals", proposalDocuments(target.settings, toSciCatProposal(proposal)));
  return { kind: "published", remoteId: key, remotePath: path };
}

async function deliverSample(context: Context): Promise<DeliveryOutcome> {
  const { prisma, target, key } = context;
  const sample = await prisma.sample.findUnique({
    where: { specimenId: key },
    include: { proposal: true },
  });
  if (!sample) return remove(context, 3);
  if (notPublished(sample.proposal, target)) return withdrawn;
  const path = `Samples/${segment(key)}`;
  await upsert(context, path, "Samples", sampleDocuments(target.settings, sample));
  return { kind: "published", remoteId: key, remotePath: path };
}

async function deliverDataset(context: Context): Promise<DeliveryOutcome> {
  const { prisma, target, key } = context;
  const dataset = await prisma.dataset.findUnique({
    where: { pid: key },
    include: {
      ...withReferences,
      proposal: { select: { proposalId: true, publishToSciCat: true, piFirstname: true, piLastname: true } },
    },
  });
  if (!dataset) return { kind: "skipped", reason: "the dataset no longer exists" };
  if (notPublished(dataset.proposal, target)) return withdrawn;
  const path = `Datasets/${segment(key)}`;
  const pi = [dataset.proposal?.piFirstname, dataset.proposal?.piLastname].filter(Boolean).join(" ");
  await upsert(context, path, "Datasets", datasetDocuments(target.settings, toApiDataset(dataset), pi));
  return { kind: "published", remoteId: key, remotePath: path };
}

type RemoteBlock = { _id: string; dataFileList?: unknown };

/**
 * SciCat assigns datablock ids, so a datablock whose delivery may have reached SciCat is recognised
 * by its files: a block of the dataset in SciCat with the same file list that no other block here
 * already stands for is this one.
 */
async function deliverDatablock({ prisma, target, key, known, uncertain }: Context): Promise<DeliveryOutcome> {
  const block = await prisma.origDatablock.findUnique({
    where: { id: key },
    include: {
      dataset: {
        select: {
          pid: true,
          ownerGroup: true,
          accessGroups: true,
          size: true,
          numberOfFiles: true,
          proposal: { select: { publishToSciCat: true } },
        },
      },
    },
  });
  if (!block) return { kind: "skipped", reason: "the datablock no longer exists" };
  if (notPublished(block.dataset.proposal, target)) return withdrawn;
  const datasetPath = `Datasets/${segment(block.dataset.pid)}`;
  let remoteId = known?.remoteId;
  let unsure = uncertain;
  if (remoteId) {
    // Its groups may have changed with its dataset's. SciCat answers a block it no longer holds
    // (a new or emptied SciCat) with 403 or 404: then it is looked for, and created again.
    const groups = sciCatGroups(target.settings, block.dataset.ownerGroup ?? "", block.dataset.accessGroups);
    const kept = await target
      .request("PATCH", `OrigDatablocks/${segment(remoteId)}`, { body: groups, missing: "null" })
      .catch((error: unknown) => {
        if (error instanceof SciCatRejection && error.status === 403) return null;
        throw error;
      });
    if (kept === null) [remoteId, unsure] = [undefined, true];
  }
  if (!remoteId && unsure) {
    const fingerprint = fileListFingerprint(block.dataFileList);
    const remote = (await target.request<RemoteBlock[]>("GET", `${datasetPath}/origdatablocks`)) ?? [];
    const claimed = await prisma.publication.findMany({
      where: {
        entity: "OrigDatablock",
        remoteId: { in: remote.map((candidate) => candidate._id) },
        NOT: { recordKey: key },
      },
      select: { remoteId: true },
    });
    const taken = new Set(claimed.map((publication) => publication.remoteId));
    remoteId = remote.find(
      (candidate) => !taken.has(candidate._id) && fileListFingerprint(candidate.dataFileList) === fingerprint,
    )?._id;
  }
  if (!remoteId) {
    const created = await target.request<RemoteBlock>("POST", "OrigDatablocks", {
      body: datablockDocument(target.settings, block),
    });
    remoteId = created?._id ?? "";
  }
  // SciCat recounts a dataset's totals from its datablocks alone; ours also count what the dataset
  // was registered with.
  await target.request("PATCH", datasetPath, {
    body: { size: Number(block.dataset.size), numberOfFiles: block.dataset.numberOfFiles },
  });
  return { kind: "published", remoteId, remotePath: `OrigDatablocks/${segment(remoteId)}` };
}

async function deliverAttachment(context: Context): Promise<DeliveryOutcome> {
  const { prisma, target, key } = context;
  const attachment = await prisma.attachment.findUnique({
    where: { id: key },
    include: {
      ...withOwners,
      dataset: { select: { pid: true, proposal: { select: { publishToSciCat: true } } } },
      sample: { select: { specimenId: true, proposal: { select: { publishToSciCat: true } } } },
      proposal: { select: { proposalId: true, publishToSciCat: true } },
    },
  });
  if (!attachment) return remove(context, v4);
  const proposal = attachment.proposal ?? attachment.sample?.proposal ?? attachment.dataset?.proposal ?? null;
  if (notPublished(proposal, target)) return withdrawn;
  const path = `attachments/${segment(key)}`;
  await upsert(context, path, "attachments", attachmentDocuments(target.settings, toApiAttachment(attachment)), v4);
  return { kind: "published", remoteId: key, remotePath: path };
}

const deliverers: Record<PublishedEntity, (context: Context) => Promise<DeliveryOutcome>> = {
  Proposal: deliverProposal,
  Sample: deliverSample,
  Dataset: deliverDataset,
  OrigDatablock: deliverDatablock,
  Attachment: deliverAttachment,
};

/** Sends a record's current state to SciCat (or its removal); throws SciCatRejection/Unavailable. */
export function deliver(entity: PublishedEntity, context: Context): Promise<DeliveryOutcome> {
  return deliverers[entity](context);
}
