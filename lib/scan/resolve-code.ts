import "server-only";
import { type DbClient, db } from "@/lib/platform/db";
import { type Caller } from "@/lib/auth/caller";
import { readableProposals } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError } from "@/lib/shared/errors";
import type { ScanOutcome, ScanResult } from "./scan-result";
import { scanTarget, unknownCode } from "./scan-target";
import { loadSampleScan, loadTrayScan } from "./scan-card-queries";

/**
 * The scanner says that an ID exists but is not the caller's, never what it holds: whoever scans
 * holds the physical label (docs/decisions/007-scanner-reveals-existence.md). Staff and tokens
 * read every proposal, so only users are checked, with the same rule as every other read.
 */
async function ensureScanReadable(client: DbClient, caller: Caller, what: string, proposalDbId: string): Promise<void> {
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
