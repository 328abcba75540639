import "server-only";
import { type Caller, readableProposals } from "@/lib/auth/permissions";
import { config } from "@/lib/platform/config";
import { db } from "@/lib/platform/db";
import { DomainError, ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { personName } from "@/lib/shared/format";
import { positionLabel } from "@/lib/shared/tray-positions";
import { parseScannedCode } from "@/lib/shared/qr-payloads";
import type { SampleScan, ScanOutcome, ScanResult, ScanSuggestion, TrayScan } from "./scan-result";

type Client = PrismaClient | Prisma.TransactionClient;

/** A scanned ID that names nothing: its own message, since the scanner may say so (decision 007). */
export class UnknownCodeError extends DomainError {
  constructor(message: string) {
    super(message, 404);
  }
}

/** What a scanned or typed text names: a sample, a tray, or an ID to look up as either. */
export type ScanTarget = { kind: "sample" | "tray" | "id"; id: string };

/**
 * Scanned text is untrusted: only this app's URL forms and IDs pass (lib/qr.ts). Another site's
 * code is named as such, so staff do not mistake it for an unregistered sample.
 */
export function scanTarget(text: string): ScanTarget {
  const code = parseScannedCode(text, config().appUrl);
  if (code.kind === "foreign") {
    const message = `This code belongs to another website: ${code.text}`;
    throw new ValidationError(message, { code: [message] });
  }
  if (code.kind === "invalid") throw new ValidationError(code.reason, { code: [code.reason] });
  return code;
}

export function unknownCode(target: ScanTarget): never {
  const what = { sample: "No sample", tray: "No tray", id: "No sample or tray" }[target.kind];
  throw new UnknownCodeError(`${what} has the ID ${target.id}.`);
}

/**
 * The scanner says that an ID exists but is not the caller's, never what it holds: whoever scans
 * holds the physical label (docs/decisions/007-scanner-reveals-existence.md). Staff and tokens
 * read every proposal, so only users are checked, with the same rule as every other read.
 */
async function ensureScanReadable(client: Client, caller: Caller, what: string, proposalDbId: string): Promise<void> {
  const readable = readableProposals(caller, "samples:read");
  if (Object.keys(readable).length === 0) return;
  if (await client.proposal.count({ where: { AND: [readable, { id: proposalDbId }] } })) return;
  throw new ForbiddenError(`${what} belongs to a proposal you are not a member of. Ask its PI or the beamline staff.`);
}

/**
 * Resolves a scan to what the scanner shows: a sample with its proposal, tray position, datasets
 * and recent history, or a tray with its samples. A bare ID is a sample first, then a tray.
 */
export async function resolveCode(caller: Caller, text: string): Promise<ScanResult> {
  // Before the code is even parsed: anonymous callers and tokens without the scope learn nothing.
  readableProposals(caller, "samples:read");
  const target = scanTarget(text);
  const prisma = await db();
  if (target.kind !== "tray") {
    const sample = await loadSampleScan(prisma, target.id);
    if (sample) {
      await ensureScanReadable(prisma, caller, `Sample ${sample.scan.sample.specimenId}`, sample.proposalDbId);
      return sample.scan;
    }
    if (target.kind === "sample") unknownCode(target);
  }
  const tray = await loadTrayScan(prisma, target.id);
  if (!tray) return unknownCode(target);
  await ensureScanReadable(prisma, caller, `Tray ${tray.scan.tray.trayId}`, tray.proposalDbId);
  return tray.scan;
}

/** For the QR landing pages: the domain's messages (unknown, not yours, foreign) become the page's. */
export async function resolveForPage(caller: Caller, text: string): Promise<ScanOutcome> {
  try {
    return { result: await resolveCode(caller, text) };
  } catch (error) {
    if (error instanceof DomainError) return { message: error.message };
    throw error;
  }
}

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

async function loadSampleScan(client: Client, specimenId: string) {
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

async function loadTrayScan(client: Client, trayId: string) {
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

/** Manual entry: samples and trays the caller may see whose ID or name contains what was typed. */
export async function suggestScanCodes(caller: Caller, query: string, take = 8): Promise<ScanSuggestion[]> {
  const readable = readableProposals(caller, "samples:read");
  const text = query.trim().slice(0, 64);
  if (text.length < 2) return [];
  const contains = { contains: text, mode: "insensitive" } as const;
  const prisma = await db();
  const [samples, trays] = await Promise.all([
    prisma.sample.findMany({
      where: { proposal: readable, OR: [{ specimenId: contains }, { specimenName: contains }] },
      orderBy: { specimenId: "asc" },
      take,
      select: { specimenId: true, specimenName: true },
    }),
    prisma.tray.findMany({
      where: { proposal: readable, OR: [{ trayId: contains }, { name: contains }] },
      orderBy: { trayId: "asc" },
      take,
      select: { trayId: true, name: true },
    }),
  ]);
  return [
    ...samples.map((s) => ({ id: s.specimenId, kind: "sample" as const, label: s.specimenName })),
    ...trays.map((t) => ({ id: t.trayId, kind: "tray" as const, label: t.name })),
  ].slice(0, take);
}
