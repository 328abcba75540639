// The 100 000-sample database of the lookup and resolve benchmarks.
import type { Database } from "../lib/platform/db";

export const fill = { sampleCount: 100_000, samplesPerTray: 100, traysPerProposal: 10 } as const;

export const benchSpecimenId = (n: number) => `S-B${String(n).padStart(6, "0")}`;

/** Proposals, trays of 10 × 10, samples in every position and a dataset for every 7th sample. */
export async function fillSamples(database: Database): Promise<number> {
  const { sampleCount, samplesPerTray, traysPerProposal } = fill;
  const trays = sampleCount / samplesPerTray;
  const proposals = trays / traysPerProposal;
  const started = performance.now();
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
  return (performance.now() - started) / 1000;
}

/** A sample card the way Prisma's includes fetch it: proposal, tray and newest datasets. */
export const sampleCardInclude = {
  proposal: {
    select: { proposalId: true, title: true, piFirstname: true, piLastname: true, startTime: true, endTime: true },
  },
  tray: { select: { trayId: true, name: true, rows: true, columns: true } },
  datasets: { orderBy: { creationTime: "desc" }, take: 20 },
} as const;
