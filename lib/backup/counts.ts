import "server-only";
import type { Database } from "@/lib/platform/db";
import { countOf } from "@/lib/shared/format";
import type { RecordCounts } from "./types";

const countedTables = { proposals: "Proposal", samples: "Sample", datasets: "Dataset", trays: "Tray" } as const;

/** Counts of the main records; 0 for a table that does not exist (an empty, unmigrated database). */
export async function recordCounts(database: Pick<Database, "query">): Promise<RecordCounts> {
  const present = new Set(
    (
      await database.query<{ name: string }>(
        `SELECT c.relname AS "name" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)`,
        [Object.values(countedTables)],
      )
    ).map((row) => row.name),
  );
  const counts = { proposals: 0, samples: 0, datasets: 0, trays: 0 };
  for (const [key, table] of Object.entries(countedTables) as [keyof RecordCounts, string][]) {
    if (!present.has(table)) continue;
    const [row] = await database.query<{ count: number }>(`SELECT count(*)::int AS "count" FROM "${table}"`);
    counts[key] = row.count;
  }
  return counts;
}

export function describeCounts(counts: RecordCounts): string {
  return [
    countOf(counts.proposals, "proposal"),
    countOf(counts.samples, "sample"),
    countOf(counts.datasets, "dataset"),
    countOf(counts.trays, "tray"),
  ].join(", ");
}
