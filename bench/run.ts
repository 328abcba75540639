// npm run bench [-- name …]: runs the benchmarks (never part of npm test) and prints their tables.
import { benchLookup } from "./lookup";
import { tiers } from "./support";

const benchmarks = { lookup: benchLookup } as const;
type Name = keyof typeof benchmarks;

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}
const selected = (requested.length ? requested : Object.keys(benchmarks)) as Name[];

const databaseTiers = await tiers();
try {
  for (const name of selected) await benchmarks[name](databaseTiers);
} finally {
  for (const tier of databaseTiers) await tier.cleanup();
}
