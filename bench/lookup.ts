// Resolve-style lookup of a sample by specimenId (sample + proposal + tray + datasets, through
// Prisma) against a bare indexed SELECT through the same driver, on 100 000 samples.
import { benchSpecimenId, fill, fillSamples, sampleCardInclude } from "./sample-fill";
import { measure, printTable, type Tier } from "./support";

const iterations = 2_000;

export async function benchLookup(tiers: Tier[]): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const tier of tiers) {
    const database = await tier.open();
    try {
      const fillSeconds = await fillSamples(database);
      // Same random order for both variants, so caches treat them alike.
      const ids = Array.from({ length: iterations }, () =>
        benchSpecimenId(1 + Math.floor(Math.random() * fill.sampleCount)),
      );

      const resolve = await measure(iterations, async (index) => {
        const sample = await database.prisma.sample.findUnique({
          where: { specimenId: ids[index] },
          include: sampleCardInclude,
        });
        if (!sample) throw new Error(`missing ${ids[index]}`);
      });
      const bare = await measure(iterations, async (index) => {
        const found = await database.query(`SELECT * FROM "Sample" WHERE "specimenId" = $1`, [ids[index]]);
        if (found.length !== 1) throw new Error(`missing ${ids[index]}`);
      });
      rows.push([
        tier.name,
        "resolve-style (Prisma, 4 relations)",
        resolve.p50,
        resolve.p95,
        resolve.mean,
        String(Math.round(resolve.perSecond)),
      ]);
      rows.push([
        tier.name,
        "bare indexed SELECT (same driver)",
        bare.p50,
        bare.p95,
        bare.mean,
        String(Math.round(bare.perSecond)),
      ]);
      rows.push([
        tier.name,
        "ratio resolve / bare (p50)",
        resolve.p50 / bare.p50,
        resolve.p95 / bare.p95,
        resolve.mean / bare.mean,
        "",
      ]);
      console.log(`${tier.name}: filled ${fill.sampleCount} samples in ${fillSeconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  }
  printTable(
    `Lookup by specimenId on ${fill.sampleCount.toLocaleString("en")} samples, ${iterations} sequential lookups (ms)`,
    ["database", "query", "p50", "p95", "mean", "per second"],
    rows,
  );
}
