import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { personName } from "@/lib/shared/format";
import { positionLabel } from "@/lib/shared/tray-positions";
import type { SampleScan, TrayScan } from "./scan-result";

/** How many datasets, events and audit entries a scan shows; the sample page has the rest. */
const recent = { datasets: 20, events: 10, history: 10 };

// JSON of timestamps: Prisma stores UTC in `timestamp(3)` without a zone; the client needs the Z.
const isoTime = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

type ProposalColumns = {
  proposalDbId: string;
  proposalId: string;
  title: string;
  piFirstname: string | null;
  piLastname: string | null;
  startTime: Date | null;
  endTime: Date | null;
};

const proposalColumns = Prisma.sql`p.id AS "proposalDbId", p."proposalId", p.title, p."piFirstname", p."piLastname",
  p."startTime", p."endTime"`;

function proposalOf(row: ProposalColumns) {
  return {
    proposalId: row.proposalId,
    title: row.title,
    piName: personName(row.piFirstname, row.piLastname),
    startTime: row.startTime?.toISOString() ?? null,
    endTime: row.endTime?.toISOString() ?? null,
  };
}

type SampleRow = ProposalColumns & {
  specimenId: string;
  specimenName: string;
  status: string;
  description: string | null;
  position: number | null;
  trayId: string | null;
  trayName: string | null;
  rows: number | null;
  columns: number | null;
  datasets: SampleScan["datasets"];
  events: SampleScan["events"];
  history: SampleScan["history"];
};

/**
 * The whole sample card in ONE query (json aggregation): the scanner's hot path, measured in
 * bench/scan.ts against a bare indexed SELECT. Prisma's includes took one round trip per relation
 * (about 1.7× slower). The ORDER BYs name the table's columns: the aliases are formatted text.
 */
export const sampleScanQuery = (specimenId: string) => Prisma.sql`
    SELECT s."specimenId", s."specimenName", s.status::text AS status, s.description, s.position,
      ${proposalColumns},
      t."trayId", t.name AS "trayName", t.rows, t.columns,
      COALESCE((SELECT json_agg(d) FROM (
        SELECT x.pid, x."datasetName", ${isoTime(`x."creationTime"`)} AS "creationTime", x.size::float8 AS size,
          x."numberOfFiles", x."sourceFolder"
        FROM "Dataset" x WHERE x."sampleId" = s.id ORDER BY x."creationTime" DESC LIMIT ${recent.datasets}) d), '[]') AS datasets,
      COALESCE((SELECT json_agg(e) FROM (
        SELECT x.id, x.kind, x."actorName", x.location, x.note, ${isoTime(`x."createdAt"`)} AS "createdAt"
        FROM "SampleEvent" x WHERE x."sampleId" = s.id ORDER BY x."createdAt" DESC LIMIT ${recent.events}) e), '[]') AS events,
      COALESCE((SELECT json_agg(a) FROM (
        SELECT x.id, ${isoTime(`x."createdAt"`)} AS "createdAt", x."actorName", x.action, x.entity, x."entityId", x.changes
        FROM "AuditLog" x WHERE x.entity = 'Sample' AND x."entityId" = s."specimenId"
        ORDER BY x."createdAt" DESC LIMIT ${recent.history}) a), '[]') AS history
    FROM "Sample" s
    JOIN "Proposal" p ON p.id = s."proposalId"
    LEFT JOIN "Tray" t ON t.id = s."trayId"
    WHERE s."specimenId" = ${specimenId}`;

export async function loadSampleScan(client: DbClient, specimenId: string) {
  const [row] = await client.$queryRaw<SampleRow[]>(sampleScanQuery(specimenId));
  if (!row) return null;
  const layout =
    row.trayId && row.trayName !== null && row.rows !== null && row.columns !== null
      ? { trayId: row.trayId, name: row.trayName, rows: row.rows, columns: row.columns }
      : null;
  const scan: SampleScan = {
    kind: "sample",
    sample: {
      specimenId: row.specimenId,
      specimenName: row.specimenName,
      status: row.status,
      description: row.description,
    },
    proposal: proposalOf(row),
    tray: layout && {
      ...layout,
      position: row.position,
      positionLabel: row.position ? positionLabel(layout, row.position) : null,
    },
    datasets: row.datasets,
    events: row.events,
    history: row.history,
  };
  return { scan, proposalDbId: row.proposalDbId };
}

type TrayRow = ProposalColumns & {
  trayId: string;
  name: string;
  rows: number;
  columns: number;
  samples: TrayScan["samples"];
};

export async function loadTrayScan(client: DbClient, trayId: string) {
  const [row] = await client.$queryRaw<TrayRow[]>`
    SELECT t."trayId", t.name, t.rows, t.columns, ${proposalColumns},
      COALESCE((SELECT json_agg(x ORDER BY x.position) FROM (
        SELECT "specimenId", "specimenName", position, status::text AS status
        FROM "Sample" WHERE "trayId" = t.id) x), '[]') AS samples
    FROM "Tray" t
    JOIN "Proposal" p ON p.id = t."proposalId"
    WHERE t."trayId" = ${trayId}`;
  if (!row) return null;
  const scan: TrayScan = {
    kind: "tray",
    tray: { trayId: row.trayId, name: row.name, rows: row.rows, columns: row.columns },
    proposal: proposalOf(row),
    samples: row.samples,
  };
  return { scan, proposalDbId: row.proposalDbId };
}
