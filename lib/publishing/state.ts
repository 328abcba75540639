import "server-only";
import { hasRole, requireRole } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/caller";
import { config, type PublishingConfig } from "@/lib/platform/config";
import { db } from "@/lib/platform/db";
import { proposalIsPublished, type PublishedEntity } from "./outbox";

/** What a page and the API say of a record's way to SciCat. */
export type PublicationState =
  | { enabled: false }
  | {
      enabled: true;
      /** Its proposal is published (staff's choice, or the configured default). */
      publishing: boolean;
      published: { at: string; link: string; removedAt: string | null } | null;
      queued: { since: string; attempts: number; lastError: string | null; nextAttemptAt: string } | null;
      rejected: { at: string; message: string } | null;
    };

const pagesOf: Record<PublishedEntity, string> = {
  Proposal: "proposals",
  Sample: "samples",
  Dataset: "datasets",
  OrigDatablock: "datasets",
  Attachment: "attachments",
};

/** SciCat's page of the record when SCICAT_PUBLISH_FRONTEND_URL is set, else its API document. */
export function sciCatLink(settings: PublishingConfig, entity: PublishedEntity, key: string, remotePath: string) {
  if (settings.frontendUrl && ["Proposal", "Sample", "Dataset"].includes(entity))
    return `${settings.frontendUrl}/${pagesOf[entity]}/${encodeURIComponent(key)}`;
  const base = remotePath.startsWith("attachments/")
    ? settings.apiUrl.replace(/\/api\/v3$/, "/api/v4")
    : settings.apiUrl;
  return `${base}/${remotePath}`;
}

/**
 * What a reader who is not staff learns of a failure: SciCat's own message about the record, but
 * not where SciCat is reached, nor anything about the registry's account or its internals.
 */
export function messageForReaders(message: string): string {
  if (/refused the login|SCICAT_PUBLISH_TOKEN|access_token/.test(message))
    return "SciCat did not accept the registry's login; staff see the details on the admin page";
  if (!/^(GET|POST|PATCH|DELETE) |^SciCat /.test(message))
    return "an internal error of the registry; staff see the details on the admin page";
  return message.replace(/https?:\/\/\S+?(?=:\s|\s|$)/g, "SciCat");
}

/**
 * A record's publication state; `viewer` has already been allowed to read the record (staff see
 * failures in full). `proposalId`: the record's proposal (null for a dataset of no proposal).
 */
export async function publicationState(
  entity: PublishedEntity,
  key: string,
  proposalId: string | null,
  viewer: Caller,
): Promise<PublicationState> {
  const shown = (message: string) => (hasRole(viewer, "STAFF") ? message : messageForReaders(message));
  const settings = config().publishing;
  if (!settings) return { enabled: false };
  const prisma = await db();
  const record = { entity, recordKey: key };
  const [proposal, publication, pending, rejected] = await Promise.all([
    proposalId === null
      ? null
      : prisma.proposal.findUnique({ where: { proposalId }, select: { publishToSciCat: true } }),
    prisma.publication.findUnique({ where: { entity_recordKey: record } }),
    prisma.publicationOutbox.findFirst({ where: { ...record, rejectedAt: null }, orderBy: { id: "asc" } }),
    prisma.publicationOutbox.findFirst({ where: { ...record, rejectedAt: { not: null } }, orderBy: { id: "desc" } }),
  ]);
  return {
    enabled: true,
    publishing: proposal
      ? proposalIsPublished(proposal.publishToSciCat, settings.proposals)
      : proposalId === null && settings.proposals === "all",
    published: publication && {
      at: publication.publishedAt.toISOString(),
      link: sciCatLink(settings, entity, key, publication.remotePath),
      removedAt: publication.removedAt?.toISOString() ?? null,
    },
    queued: pending && {
      since: pending.createdAt.toISOString(),
      attempts: pending.attempts,
      lastError: pending.lastError && shown(pending.lastError),
      nextAttemptAt: pending.nextAttemptAt.toISOString(),
    },
    rejected: rejected && { at: rejected.rejectedAt!.toISOString(), message: shown(rejected.lastError ?? "") },
  };
}

export type PublicationProblem = {
  id: string;
  entity: PublishedEntity;
  recordKey: string;
  attempts: number;
  lastError: string;
  since: string;
  /** null: SciCat refused it and it waits for a change or a retry; else when it is tried again. */
  nextAttemptAt: string | null;
};

export type PublicationOverview =
  | { enabled: false }
  | {
      enabled: true;
      apiUrl: string;
      proposals: "all" | "opted-in";
      worker: "in-process" | "separate";
      queued: number;
      failing: number;
      refused: number;
      published: number;
      problems: PublicationProblem[];
    };

/** Staff's view of publishing: the target, the counts, and every record that failed. */
export async function publicationOverview(caller: Caller, limit = 200): Promise<PublicationOverview> {
  requireRole(caller, "STAFF", "Seeing the SciCat publication queue");
  const settings = config().publishing;
  if (!settings) return { enabled: false };
  const prisma = await db();
  const [queued, failing, refused, published, problems] = await Promise.all([
    prisma.publicationOutbox.count({ where: { rejectedAt: null } }),
    prisma.publicationOutbox.count({ where: { rejectedAt: null, attempts: { gt: 0 } } }),
    prisma.publicationOutbox.count({ where: { rejectedAt: { not: null } } }),
    prisma.publication.count({ where: { removedAt: null } }),
    prisma.publicationOutbox.findMany({
      where: { OR: [{ rejectedAt: { not: null } }, { attempts: { gt: 0 } }] },
      orderBy: { id: "asc" },
      take: limit,
    }),
  ]);
  return {
    enabled: true,
    apiUrl: settings.apiUrl,
    proposals: settings.proposals,
    worker: settings.inProcessWorker ? "in-process" : "separate",
    queued,
    failing,
    refused,
    published,
    problems: problems.map((row) => ({
      id: row.id.toString(),
      entity: row.entity as PublishedEntity,
      recordKey: row.recordKey,
      attempts: row.attempts,
      lastError: row.lastError ?? "",
      since: row.createdAt.toISOString(),
      nextAttemptAt: row.rejectedAt ? null : row.nextAttemptAt.toISOString(),
    })),
  };
}
