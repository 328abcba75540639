// Label sheets for 1 000 samples to PDF, on the densest and the commonest A4 format: how long a
// "print all labels of a proposal" request takes on the server, and how large the download is.
import { generateId } from "../lib/platform/unique-human-ids";
import type { LabelItem } from "../lib/shared/labels/content";
import { noCalibration } from "../lib/shared/labels/layout";
import { renderLabelsPdf } from "../lib/labels/pdf";
import { findTemplate, labelsPerPage } from "../lib/shared/labels/templates";
import { samplePayload } from "../lib/shared/qr-payloads";
import { printTable } from "./support";

const labelCount = 1_000;
const runs = 3;
const templateIds = ["a4-3x8-zweckform-3474", "a4-5x13-avery-l7651"];

export async function benchLabels(): Promise<void> {
  const items: LabelItem[] = Array.from({ length: labelCount }, (_, index) => {
    const id = generateId("sample");
    return {
      kind: "sample",
      id,
      payload: samplePayload("https://samples.example.org", id),
      text: `Lysozyme crystal ${index + 1}, soaked 10 mM GdCl3`,
      proposalId: "20241234",
      trayPosition: `T-4F7KM · ${String.fromCharCode(65 + (index % 8))}${1 + (index % 12)}`,
      date: "2026-12-01",
    };
  });
  const rows: (string | number)[][] = [];
  for (const id of templateIds) {
    const template = findTemplate(id);
    if (!template) throw new Error(`no label template ${id}`);
    const request = { template, items, copies: 1, skip: 0, calibration: noCalibration };
    await renderLabelsPdf(request); // warm-up: font metrics, JIT
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      bytes = (await renderLabelsPdf(request)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(runs / 2)];
    rows.push([
      template.name,
      String(Math.ceil(labelCount / labelsPerPage(template))),
      String(Math.round(median)),
      (median / labelCount).toFixed(2),
      String(Math.round(bytes / 1024)),
      String(Math.round(bytes / labelCount)),
    ]);
  }
  printTable(
    `${labelCount.toLocaleString("en")} sample labels to PDF (median of ${runs} runs)`,
    ["template", "pages", "ms", "ms per label", "KB", "bytes per label"],
    rows,
  );
}
