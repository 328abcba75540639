import "server-only";
import Papa from "papaparse";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { positionLabel } from "@/lib/shared/tray-positions";
import { proposalForRead } from "@/lib/proposals/access";
import type { Metadata } from "@/lib/schemas/common";
import { metadataPrefix } from "@/lib/shared/sample-import-columns";
import { metadataCell } from "./cells";
import { formulaStart } from "./formula-guard";

/** The samples of a proposal as CSV that imports back unchanged, and the template to start an import from. */

/**
 * RFC 4180 through Papa, quoting also ; and tabs and edge spaces, so that delimiter detection
 * cannot be misled on import; with a byte order mark, since without it Excel reads UTF-8 as the
 * local code page and garbles umlauts.
 */
function toCsv(rows: string[][]): string {
  const csv = Papa.unparse(rows, {
    newline: "\r\n",
    escapeFormulae: formulaStart,
    quotes: (value: unknown) => typeof value === "string" && /[;\t]|^\s|\s$/.test(value),
  });
  return `\uFEFF${csv}\r\n`;
}

const exportColumns = [
  "specimenId",
  "specimenName",
  "qrCodeLabel",
  "trayId",
  "position",
  "description",
  "status",
] as const;

/** The proposal's samples as CSV that `importSamples` reads back into the same samples. */
export async function exportSamplesCsv(caller: Caller, proposalId: string): Promise<string> {
  const prisma = await db();
  const proposal = await proposalForRead(prisma, caller, proposalId, "samples:read");
  const samples = await prisma.sample.findMany({
    where: { proposalId: proposal.id },
    orderBy: [{ tray: { trayId: "asc" } }, { position: "asc" }, { specimenId: "asc" }],
    select: {
      specimenId: true,
      specimenName: true,
      qrCodeLabel: true,
      description: true,
      status: true,
      position: true,
      metadata: true,
      tray: { select: { trayId: true, rows: true, columns: true } },
    },
  });
  const metadataOf = (sample: (typeof samples)[number]): Metadata =>
    sample.metadata && typeof sample.metadata === "object" && !Array.isArray(sample.metadata)
      ? (sample.metadata as Metadata)
      : {};
  const keys = [...new Set(samples.flatMap((sample) => Object.keys(metadataOf(sample))))].sort();
  return toCsv([
    [...exportColumns, ...keys.map((key) => `${metadataPrefix}${key}`)],
    ...samples.map((sample) => [
      sample.specimenId,
      sample.specimenName,
      sample.qrCodeLabel,
      sample.tray?.trayId ?? "",
      sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : "",
      sample.description ?? "",
      sample.status,
      ...keys.map((key) => metadataCell(metadataOf(sample)[key])),
    ]),
  ]);
}

/** A file to start from: every column the import knows, and two samples showing the choices. */
export function sampleImportTemplate(): string {
  return toCsv([
    [
      "specimenName",
      "specimenId",
      "trayId",
      "position",
      "qrCodeLabel",
      "description",
      "status",
      "metadata.mass_mg",
      "metadata.cryo",
    ],
    [
      "Amber piece 1",
      "",
      "T-XXXXX",
      "B3",
      "Amber 1",
      "Baltic amber with arthropod inclusion; ID generated, position B3",
      "REGISTERED",
      "127.5",
      "false",
    ],
    ["Pupa day 2", "PUPA-02", "T-XXXXX", "", "", "Own ID; goes to the first free position", "", "", "true"],
  ]);
}
