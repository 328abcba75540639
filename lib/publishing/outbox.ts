import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { config } from "@/lib/platform/config";

type Transaction = Prisma.TransactionClient;

/** The records that reach SciCat, by the name SciCat and the outbox give them. */
export const publishedEntities = ["Proposal", "Sample", "Dataset", "OrigDatablock", "Attachment"] as const;
export type PublishedEntity = (typeof publishedEntities)[number];

/** What an attachment hangs on, by its key here. */
export type AttachmentOwner = { entity: "Proposal" | "Sample" | "Dataset"; key: string };

/**
 * A change that may have to reach SciCat. `proposalId` (the human one; null for a dataset of no
 * proposal) decides whether it does: the proposal's choice, else SCICAT_PUBLISH_PROPOSALS.
 */
export type PublishableChange = { proposalId: string | null } & (
  | { entity: "Proposal" }
  | { entity: "Sample"; specimenId: string }
  | { entity: "Dataset"; pid: string }
  | { entity: "OrigDatablock"; id: string; pid: string }
  | { entity: "Attachment"; id: string; owner: AttachmentOwner }
);

/**
 * The row of a change: its record's key, and the key that orders it. A datablock or an attachment is
 * ordered with its dataset (sample, proposal), so it never reaches SciCat before the record it
 * belongs to.
 */
export function outboxRow(change: PublishableChange): { entity: PublishedEntity; recordKey: string; orderKey: string } {
  switch (change.entity) {
    case "Proposal":
      return { entity: "Proposal", recordKey: change.proposalId ?? "", orderKey: `Proposal:${change.proposalId}` };
    case "Sample":
      return { entity: "Sample", recordKey: change.specimenId, orderKey: `Sample:${change.specimenId}` };
    case "Dataset":
      return { entity: "Dataset", recordKey: change.pid, orderKey: `Dataset:${change.pid}` };
    case "OrigDatablock":
      return { entity: "OrigDatablock", recordKey: change.id, orderKey: `Dataset:${change.pid}` };
    case "Attachment":
      return { entity: "Attachment", recordKey: change.id, orderKey: `${change.owner.entity}:${change.owner.key}` };
  }
}

/** Whether a proposal's records are published: staff's choice, else the configured default. */
export function proposalIsPublished(choice: boolean | null, proposals: "all" | "opted-in"): boolean {
  return choice ?? proposals === "all";
}

/** Whether changes of this proposal (or of no proposal: null) go to SciCat now. */
export async function publishes(client: Transaction, proposalId: string | null): Promise<boolean> {
  const publishing = config().publishing;
  if (!publishing) return false;
  if (proposalId === null) return publishing.proposals === "all";
  // FOR SHARE: staff opting the proposal in at this moment wait for this change to commit (and
  // their INSERT … SELECT then sees it), or this change waits for theirs and reads their choice.
  const [proposal] = await client.$queryRaw<{ publishToSciCat: boolean | null }[]>`
    SELECT "publishToSciCat" FROM "Proposal" WHERE "proposalId" = ${proposalId} FOR SHARE`;
  return proposal !== undefined && proposalIsPublished(proposal.publishToSciCat, publishing.proposals);
}

/**
 * Queues changes for SciCat in the transaction that makes them, so a change is published exactly
 * when it is committed; without a SciCat target, or for a proposal that is not published, nothing.
 */
export async function queuePublication(tx: Transaction, ...changes: PublishableChange[]): Promise<void> {
  if (!config().publishing || changes.length === 0) return;
  const decided = new Map<string | null, boolean>();
  const rows = [];
  for (const change of changes) {
    if (!decided.has(change.proposalId)) decided.set(change.proposalId, await publishes(tx, change.proposalId));
    if (decided.get(change.proposalId)) rows.push(outboxRow(change));
  }
  const now = new Date();
  if (rows.length)
    await tx.publicationOutbox.createMany({
      data: rows.map((row) => ({ ...row, createdAt: now, nextAttemptAt: now })),
    });
}

/**
 * Queues every record of a proposal (when it is opted in, or to send it all again): the proposal,
 * then its samples, datasets, their datablocks and every attachment, in that order.
 */
export async function queueProposalRecords(tx: Transaction, proposalDbId: string): Promise<number> {
  // Timestamps from here, in UTC like every other: the database's own clock is in its session's zone.
  const now = new Date();
  // Prisma's raw queries run when awaited, so the list runs in the order written.
  const statements = [
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'Proposal', p."proposalId", 'Proposal:' || p."proposalId", ${now}::timestamp(3), ${now}::timestamp(3) FROM "Proposal" p WHERE p.id = ${proposalDbId}`,
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'Sample', s."specimenId", 'Sample:' || s."specimenId", ${now}::timestamp(3), ${now}::timestamp(3) FROM "Sample" s
      WHERE s."proposalId" = ${proposalDbId} ORDER BY s."specimenId"`,
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'Dataset', d.pid, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3) FROM "Dataset" d
      WHERE d."proposalId" = ${proposalDbId} ORDER BY d."creationTime", d.pid`,
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'OrigDatablock', b.id, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3) FROM "OrigDatablock" b JOIN "Dataset" d ON d.id = b."datasetId"
      WHERE d."proposalId" = ${proposalDbId} ORDER BY b."createdAt", b.id`,
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'Attachment', a.id,
        CASE WHEN d.pid IS NOT NULL THEN 'Dataset:' || d.pid
             WHEN s."specimenId" IS NOT NULL THEN 'Sample:' || s."specimenId"
             ELSE 'Proposal:' || p."proposalId" END,
        ${now}::timestamp(3), ${now}::timestamp(3)
      FROM "Attachment" a
      LEFT JOIN "Dataset" d ON d.id = a."datasetId"
      LEFT JOIN "Sample" s ON s.id = a."sampleId"
      LEFT JOIN "Proposal" p ON p.id = a."proposalId"
      WHERE a."proposalId" = ${proposalDbId} OR s."proposalId" = ${proposalDbId} OR d."proposalId" = ${proposalDbId}
      ORDER BY a."createdAt", a.id`,
  ];
  let queued = 0;
  for (const statement of statements) queued += await statement;
  return queued;
}

/** Queues everything a proposal holds again, if it is published (its groups or PI changed). */
export async function queuePublishedRecords(tx: Transaction, proposalDbId: string, proposalId: string): Promise<void> {
  if (await publishes(tx, proposalId)) await queueProposalRecords(tx, proposalDbId);
}

/** Queues a dataset's datablocks and attachments, if its proposal (or none: null) is published. */
export async function queueDatasetParts(
  tx: Transaction,
  datasetDbId: string,
  proposalId: string | null,
): Promise<void> {
  if (!(await publishes(tx, proposalId))) return;
  const now = new Date();
  await tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
    SELECT 'OrigDatablock', b.id, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3)
    FROM "OrigDatablock" b JOIN "Dataset" d ON d.id = b."datasetId" WHERE d.id = ${datasetDbId} ORDER BY b."createdAt", b.id`;
  await tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
    SELECT 'Attachment', a.id, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3)
    FROM "Attachment" a JOIN "Dataset" d ON d.id = a."datasetId" WHERE d.id = ${datasetDbId} ORDER BY a."createdAt", a.id`;
}

/**
 * Queues the removal of a sample's attachments, which go with it (a cascade writes no outbox row),
 * before the sample itself.
 */
export async function queueSampleAttachments(
  tx: Transaction,
  sampleDbIds: string[],
  proposalId: string,
): Promise<void> {
  const attachments = await tx.attachment.findMany({
    where: { sampleId: { in: sampleDbIds } },
    select: { id: true, sample: { select: { specimenId: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  await queuePublication(
    tx,
    ...attachments.map((attachment) => ({
      entity: "Attachment" as const,
      id: attachment.id,
      owner: { entity: "Sample" as const, key: attachment.sample?.specimenId ?? "" },
      proposalId,
    })),
  );
}

/** Queues the datasets of no proposal (published only when SCICAT_PUBLISH_PROPOSALS=all), with their parts. */
export async function queueDatasetsWithoutProposal(tx: Transaction): Promise<number> {
  const now = new Date();
  const statements = [
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'Dataset', d.pid, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3) FROM "Dataset" d
      WHERE d."proposalId" IS NULL ORDER BY d."creationTime", d.pid`,
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'OrigDatablock', b.id, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3) FROM "OrigDatablock" b JOIN "Dataset" d ON d.id = b."datasetId"
      WHERE d."proposalId" IS NULL ORDER BY b."createdAt", b.id`,
    tx.$executeRaw`INSERT INTO "PublicationOutbox" (entity, "recordKey", "orderKey", "createdAt", "nextAttemptAt")
      SELECT 'Attachment', a.id, 'Dataset:' || d.pid, ${now}::timestamp(3), ${now}::timestamp(3) FROM "Attachment" a JOIN "Dataset" d ON d.id = a."datasetId"
      WHERE d."proposalId" IS NULL ORDER BY a."createdAt", a.id`,
  ];
  let queued = 0;
  for (const statement of statements) queued += await statement;
  return queued;
}
