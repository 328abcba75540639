import "server-only";
import type { Registry } from "prom-client";
import { database } from "@/lib/platform/db";
import { scrapeGauge } from "@/lib/platform/metrics";

type OutboxDepth = { waiting: number; retrying: number; rejected: number; oldestPendingSeconds: number | null };

/**
 * The publishing outbox in one query: rows not yet tried, rows being retried (SciCat unreachable
 * or failing), rows SciCat refused, and how long the oldest undelivered row has waited. The ages
 * are taken in UTC, as Prisma stores its timestamps.
 */
export async function outboxDepth(): Promise<OutboxDepth> {
  const [row] = await (
    await database()
  ).query<OutboxDepth>(
    `SELECT count(*) FILTER (WHERE "rejectedAt" IS NULL AND attempts = 0)::int AS waiting,
            count(*) FILTER (WHERE "rejectedAt" IS NULL AND attempts > 0)::int AS retrying,
            count(*) FILTER (WHERE "rejectedAt" IS NOT NULL)::int AS rejected,
            EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC')
              - min("createdAt") FILTER (WHERE "rejectedAt" IS NULL))::float8 AS "oldestPendingSeconds"
       FROM "PublicationOutbox"`,
  );
  return row;
}

/** Both gauges read one snapshot per scrape: prom-client collects them concurrently. */
let reading: Promise<OutboxDepth> | undefined;
function snapshot(): Promise<OutboxDepth> {
  reading ??= outboxDepth().finally(() => {
    reading = undefined;
  });
  return reading;
}

/** The outbox gauges of /metrics (registered once per registry). */
export function registerOutboxMetrics(registry: Registry): void {
  scrapeGauge(
    registry,
    {
      name: "registry_publication_outbox_rows",
      help: "Changes queued for SciCat: waiting (not yet tried), retrying, rejected (SciCat refused them).",
      labelNames: ["state"],
    },
    async () => {
      const depth = await snapshot();
      return (["waiting", "retrying", "rejected"] as const).map((state) => ({
        labels: { state },
        value: depth[state],
      }));
    },
  );
  scrapeGauge(
    registry,
    {
      name: "registry_publication_outbox_oldest_pending_seconds",
      help: "Age of the oldest change not yet delivered to SciCat (0 when none waits).",
    },
    async () => [{ value: (await snapshot()).oldestPendingSeconds ?? 0 }],
  );
}
