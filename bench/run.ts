// npm run bench [-- name …]: runs the benchmarks (never part of npm test) and prints their tables.
import { benchApi } from "./api";
import { benchImport } from "./import";
import { benchLabels } from "./labels";
import { benchLookup } from "./lookup";
import { benchPublishing } from "./publishing";
import { benchScan } from "./scan";
import { benchSciCat } from "./scicat";
import { tiers } from "./support";

const benchmarks = {
  lookup: benchLookup,
  import: benchImport,
  labels: () => benchLabels(),
  scan: benchScan,
  api: benchApi,
  scicat: benchSciCat,
  publishing: benchPublishing,
} as const;
type Name = keyof typeof benchmarks;
// The tiers open databases (and may start a PostgreSQL server): only for benchmarks that use them.
const needsDatabase: readonly Name[] = ["lookup", "import", "scan", "api", "scicat", "publishing"];

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}
const selected = (requested.length ? requested : Object.keys(benchmarks)) as Name[];

// Fresh tiers for every benchmark: lookup and scan both fill the same 100 000 samples, which a
// database another benchmark has already filled refuses (duplicate keys).
for (const name of selected) {
  const databaseTiers = needsDatabase.includes(name) ? await tiers() : [];
  try {
    await benchmarks[name](databaseTiers);
  } finally {
    for (const tier of databaseTiers) await tier.cleanup();
  }
}
