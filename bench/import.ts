// Bulk import of 10 000 pasted spreadsheet rows (name, tray, position, label, two metadata
// columns) into a fresh proposal: the preview and the all-or-nothing import, each timed once.
import { setDatabase } from "../lib/platform/db";
import { positionLabel } from "../lib/shared/tray-positions";
import { importSamples } from "../lib/samples/import/import-samples";
import { previewSampleImport } from "../lib/samples/import/preview";
import { printTable, type Tier } from "./support";

const rowCount = 10_000;
const layout = { rows: 8, columns: 12 };
const trayCount = Math.ceil(rowCount / (layout.rows * layout.columns));
const proposalId = "BENCH-IMPORT";
const operator = { kind: "system", name: "bench" } as const;

function pastedRows(): string {
  const perTray = layout.rows * layout.columns;
  const lines = ["Sample name\tTray\tPosition\tLabel\tmetadata.temperature_K\tmeta:solvent"];
  for (let index = 0; index < rowCount; index += 1) {
    const tray = `T-BI${String(Math.floor(index / perTray) + 1).padStart(3, "0")}`;
    const position = positionLabel(layout, (index % perTray) + 1);
    const temperature = (80 + (index % 220) / 2).toFixed(1);
    lines.push(`Specimen ${index + 1}\t${tray}\t${position}\tS${index + 1}\t${temperature}\tethanol`);
  }
  return lines.join("\n");
}

export async function benchImport(tiers: Tier[]): Promise<void> {
  const text = pastedRows();
  const rows: (string | number)[][] = [];
  for (const tier of tiers) {
    const database = await tier.open();
    // The domain functions use the process-wide database.
    setDatabase(database);
    try {
      const proposal = await database.prisma.proposal.create({
        data: { proposalId, title: "Import benchmark", ownerGroup: "bench" },
      });
      await database.prisma.tray.createMany({
        data: Array.from({ length: trayCount }, (_, index) => ({
          trayId: `T-BI${String(index + 1).padStart(3, "0")}`,
          proposalId: proposal.id,
          name: `Plate ${index + 1}`,
          ...layout,
        })),
      });

      const previewStarted = performance.now();
      const preview = await previewSampleImport(operator, proposalId, text);
      const previewSeconds = (performance.now() - previewStarted) / 1000;
      if (preview.errorCount) throw new Error(`preview found ${preview.errorCount} rows with errors`);

      const importStarted = performance.now();
      const { created } = await importSamples(operator, proposalId, text, preview.mapping);
      const importSeconds = (performance.now() - importStarted) / 1000;
      if (created !== rowCount) throw new Error(`imported ${created} of ${rowCount} rows`);

      rows.push([
        tier.name,
        "preview (check every row)",
        previewSeconds,
        String(Math.round(rowCount / previewSeconds)),
      ]);
      rows.push([
        tier.name,
        "import (check, insert, audit)",
        importSeconds,
        String(Math.round(rowCount / importSeconds)),
      ]);
    } finally {
      await database.close();
    }
  }
  printTable(
    `Import of ${rowCount.toLocaleString("en")} pasted rows into ${trayCount} trays of ${layout.rows} × ${layout.columns}`,
    ["database", "operation", "seconds", "rows per second"],
    rows,
  );
}
