import "server-only";
import type { Database } from "@/lib/platform/db";
import type { PublishingConfig } from "@/lib/platform/config";
import { logger } from "@/lib/platform/logger";
import { deliver, type DeliveryOutcome } from "./delivery";
import type { PublishedEntity } from "./outbox";
import { SciCatRejection, SciCatTarget, SciCatUnavailable } from "./scicat-client";

type ClaimedRow = {
  id: bigint;
  entity: PublishedEntity;
  recordKey: string;
  orderKey: string;
  attempts: number;
  /** This worker's lease: the row is ours while it still holds this value. */
  leasedUntil: Date;
  /** An earlier delivery of it was sent and its outcome never recorded. */
  sentAt: Date | null;
};

export type RoundResult = { claimed: number; published: number; retrying: number; rejected: number };

/** Rows claimed per round, delivered this many at a time (each of a different record). */
const batchSize = 25;
const concurrency = 4;
/**
 * How long a worker holds a row: renewed when its delivery starts, and longer than one delivery can
 * take (a datablock whose outcome is unknown: six calls of at most 15 s each, twice, plus logins).
 */
const leaseMs = 5 * 60_000;

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … at most 15 minutes, each ×0.5–1.5. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(15 * 60_000, 2_000 * 2 ** Math.min(attempts - 1, 20));
  return Math.round(base * (0.5 + random()));
}

/**
 * Claims the first row of each record group that is due and not held by another worker. SKIP LOCKED
 * lets several app replicas claim at once without waiting for or taking each other's rows; the
 * lease lets another worker take a row over when its worker died.
 */
async function claimDue(database: Database, now: Date): Promise<ClaimedRow[]> {
  return database.prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "PublicationOutbox" SET "leasedUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE id IN (
      SELECT o.id FROM "PublicationOutbox" o
      WHERE o."rejectedAt" IS NULL AND o."nextAttemptAt" <= ${now}
        AND (o."leasedUntil" IS NULL OR o."leasedUntil" < ${now})
        AND NOT EXISTS (
          SELECT 1 FROM "PublicationOutbox" e
          WHERE e."orderKey" = o."orderKey" AND e.id < o.id AND e."rejectedAt" IS NULL)
      ORDER BY o.id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, entity, "recordKey", "orderKey", attempts, "leasedUntil", "sentAt"`;
}

/** Delivers one claimed row and records the outcome; a change made meanwhile stays queued. */
async function deliverRow(database: Database, target: SciCatTarget, claimed: ClaimedRow) {
  const prisma = database.prisma;
  // The lease is renewed as the delivery starts, and only while it is still this worker's: a row
  // that waited in this round's queue past its lease may have gone to another worker meanwhile.
  const leasedUntil = new Date(Date.now() + leaseMs);
  const renewed = await prisma.publicationOutbox.updateMany({
    where: { id: claimed.id, leasedUntil: claimed.leasedUntil },
    // Written before the call: if this process dies before the answer is recorded, the next
    // delivery knows SciCat may hold the record already.
    data: { leasedUntil, sentAt: new Date() },
  });
  if (renewed.count === 0) return "skipped" as const;
  const row = { ...claimed, leasedUntil };
  const record = { entity: row.entity, recordKey: row.recordKey };
  // The rows seen now are covered by the state read after them; a row committed later stays.
  const rows = await prisma.publicationOutbox.findMany({ where: record, select: { id: true, sentAt: true } });
  const seen = rows.map((seenRow) => seenRow.id);
  const known = await prisma.publication.findUnique({ where: { entity_recordKey: record } });
  const uncertain = rows.some((seenRow) => seenRow.id !== row.id && seenRow.sentAt !== null) || claimed.sentAt !== null;
  let outcome: DeliveryOutcome;
  try {
    const attempt = (unsure: boolean) =>
      deliver(row.entity, { prisma, target, key: row.recordKey, known, uncertain: unsure });
    outcome = await attempt(uncertain).catch((error: unknown) => {
      if (error instanceof SciCatUnavailable && error.connectionLost) return attempt(true);
      throw error;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SciCatRejection) {
      await prisma.$transaction([
        prisma.publicationOutbox.deleteMany({ where: { id: { in: seen.filter((id) => id !== row.id) } } }),
        prisma.publicationOutbox.updateMany({
          where: { id: row.id, leasedUntil: row.leasedUntil },
          data: { rejectedAt: new Date(), lastError: message, attempts: row.attempts + 1, leasedUntil: null },
        }),
      ]);
      return "rejected" as const;
    }
    if (!(error instanceof SciCatUnavailable))
      logger.error({ err: error }, `Publishing ${row.entity} ${row.recordKey} failed`);
    await prisma.publicationOutbox.updateMany({
      where: { id: row.id, leasedUntil: row.leasedUntil },
      data: {
        attempts: row.attempts + 1,
        nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts + 1)),
        lastError: message,
        leasedUntil: null,
      },
    });
    return "retrying" as const;
  }
  const now = new Date();
  await prisma.$transaction([
    prisma.publicationOutbox.deleteMany({ where: { id: { in: seen } } }),
    ...(outcome.kind === "published"
      ? [
          prisma.publication.upsert({
            where: { entity_recordKey: record },
            create: { ...record, remoteId: outcome.remoteId, remotePath: outcome.remotePath, publishedAt: now },
            update: { remoteId: outcome.remoteId, remotePath: outcome.remotePath, publishedAt: now, removedAt: null },
          }),
          // What SciCat refused for want of this record (a datablock of a refused dataset) is tried again.
          prisma.publicationOutbox.updateMany({
            where: { orderKey: `${row.entity}:${row.recordKey}`, rejectedAt: { not: null } },
            data: { rejectedAt: null, attempts: 0, nextAttemptAt: now },
          }),
        ]
      : outcome.kind === "removed"
        ? [prisma.publication.update({ where: { entity_recordKey: record }, data: { removedAt: now } })]
        : []),
  ]);
  return outcome.kind === "skipped" ? ("skipped" as const) : ("published" as const);
}

/** One round: claim what is due, deliver it (a few records at a time), record each outcome. */
export async function deliverDue(database: Database, target: SciCatTarget): Promise<RoundResult> {
  const rows = await claimDue(database, new Date());
  const result: RoundResult = { claimed: rows.length, published: 0, retrying: 0, rejected: 0 };
  const queue = [...rows];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const outcome = await deliverRow(database, target, row);
        if (outcome === "published") result.published++;
        else if (outcome === "retrying") result.retrying++;
        else if (outcome === "rejected") result.rejected++;
      }
    }),
  );
  return result;
}

/** With the embedded database this process is the only one: leases of a crashed run are void. */
export async function releaseStaleLeases(database: Database): Promise<void> {
  if (database.target.kind === "pglite")
    await database.prisma.publicationOutbox.updateMany({
      where: { leasedUntil: { not: null } },
      data: { leasedUntil: null },
    });
}

export type PublicationWorker = { stop(): Promise<void> };

/** How soon an idle worker looks again for changes (committed by this or another process). */
const idlePollMs = 2_000;

/** Delivers the outbox until stopped: round after round while there is work, else a short pause. */
export function runPublicationWorker(database: Database, settings: PublishingConfig): PublicationWorker {
  const target = new SciCatTarget(settings);
  let stopped = false;
  let wake = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    await releaseStaleLeases(database);
    while (!stopped) {
      try {
        const round = await deliverDue(database, target);
        if (round.claimed) logger.info(`SciCat publishing: ${JSON.stringify(round)}`);
        else await pause(idlePollMs);
      } catch (error) {
        // The database itself failed (restart, failover): try again after a longer pause.
        logger.error({ err: error }, "SciCat publishing round failed");
        await pause(idlePollMs * 5);
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
