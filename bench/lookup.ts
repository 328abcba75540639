// Resolve-style lookup of a sample by specimenId (sample + proposal + tray + datasets, through
// Prisma) against a bare indexed SELECT through the same driver, on 100 000 samples.
import { measure, printTable, type Tier } from "./support";

const sampleCount = 100_000;
const samplesPerTray = 100;
const traysPerProposal = 10;
const iterations = 2_000;

const specimenId = (n: number) => `S-B${String(n).padStart(6, "0")}`;

export async function benchLookup(tiers: Tier[]): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const tier of tiers) {
    const database = await tier.open();
    try {
      const trays = sampleCount / samplesPerTray;
      const proposals = trays / traysPerProposal;
      const fillStarted = performance.now();
      await database.execScript(`
        INSERT INTO "Proposal" (id, "proposalId", title, "ownerGroup", "updatedAt")
          SELECT 'p' || g, 'B-' || lpad(g::text, 5, '0'), 'Benchmark proposal ' || g, 'bench', now() FROM generate_series(1, ${proposals}) g;
        INSERT INTO "Tray" (id, "trayId", "proposalId", name, rows, columns, "updatedAt")
          SELECT 't' || g, 'T-B' || lpad(g::text, 5, '0'), 'p' || ((g - 1) / ${traysPerProposal} + 1), 'Tray ' || g, 10, 10, now() FROM generate_series(1, ${trays}) g;
        INSERT INTO "Sample" (id, "specimenId", "proposalId", "trayId", position, "specimenName", "qrCodeLabel", metadata, "updatedAt")
          SELECT 's' || g, 'S-B' || lpad(g::text, 6, '0'), 'p' || ((g - 1) / ${samplesPerTray * traysPerProposal} + 1),
                 't' || ((g - 1) / ${samplesPerTray} + 1), (g - 1) % ${samplesPerTray} + 1, 'Sample ' || g, 'Sample ' || g,
                 jsonb_build_object('index', g), now()
          FROM generate_series(1, ${sampleCount}) g;
        INSERT INTO "Dataset" (id, pid, "proposalId", "sampleId", "datasetName", "sourceFolder", owner, "contactEmail", "createdBy", "updatedAt")
          SELECT 'd' || g, 'bench/' || g, 'p' || ((g - 1) / ${samplesPerTray * traysPerProposal} + 1), 's' || g, 'scan ' || g,
                 '/data/' || g, 'bench', 'bench@example.org', 'bench', now()
          FROM generate_series(1, ${sampleCount}, 7) g;
        ANALYZE;
      `);
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      // Same random order for both variants, so caches treat them alike.
      const ids = Array.from({ length: iterations }, () => specimenId(1 + Math.floor(Math.random() * sampleCount)));

      const resolve = await measure(iterations, async (index) => {
        const sample = await database.prisma.sample.findUnique({
          where: { specimenId: ids[index] },
          include: {
            proposal: {
              select: {
                proposalId: true,
                title: true,
                piFirstname: true,
                piLastname: true,
                startTime: true,
                endTime: true,
              },
            },
            tray: { select: { trayId: true, name: true, rows: true, columns: true } },
            datasets: { orderBy: { creationTime: "desc" }, take: 20 },
          },
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
      console.log(`${tier.name}: filled ${sampleCount} samples in ${fillSeconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  }
  printTable(
    `Lookup by specimenId on ${sampleCount.toLocaleString("en")} samples, ${iterations} sequential lookups (ms)`,
    ["database", "query", "p50", "p95", "mean", "per second"],
    rows,
  );
}
