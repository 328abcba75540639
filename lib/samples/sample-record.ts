import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { positionLabel } from "@/lib/shared/tray-positions";
import { requireRecordAccess } from "@/lib/proposals/access";

/** A sample as it is changed and audited: shared by creating, updating, deleting and importing samples. */

export const saveFailed = "The sample could not be saved";

/** What the audit log and history show of a sample (also for bulk imports). */
export function auditedFields(
  sample: {
    specimenName: string;
    qrCodeLabel: string;
    description: string | null;
    status: string;
    metadata: Prisma.JsonValue;
    owner?: string | null;
  },
  placement: string | null,
) {
  return {
    specimenName: sample.specimenName,
    qrCodeLabel: sample.qrCodeLabel,
    description: sample.description,
    owner: sample.owner ?? null,
    status: sample.status,
    placement,
    metadata: sample.metadata,
  };
}

/** A race on a position between the check and the insert ends here, with the same message. */
export function rethrowPositionRace(error: unknown): never {
  if (violatedUniqueConstraint(error) === "Sample_trayId_position_key") {
    const message = "That position was taken a moment ago by someone else; choose another.";
    throw new ConflictError(message, { position: [message] });
  }
  throw error;
}

/** The sample with its proposal, if the caller may change it; "not found" never names the proposal. */
export async function sampleForChange(tx: Prisma.TransactionClient, caller: Caller, specimenId: string) {
  const sample = await tx.sample.findUnique({
    where: { specimenId },
    include: {
      proposal: { select: { proposalId: true } },
      tray: { select: { trayId: true, rows: true, columns: true } },
      _count: { select: { datasets: true } },
    },
  });
  if (!sample) throw new NotFoundError(`Sample ${specimenId}`);
  const record = { what: `Sample ${specimenId}`, proposalId: sample.proposal.proposalId };
  await requireRecordAccess(tx, caller, record, "change", "samples:write");
  return sample;
}

export function placementLabel(sample: {
  tray: { trayId: string; rows: number; columns: number } | null;
  position: number | null;
}) {
  if (!sample.tray) return null;
  return sample.position ? `${sample.tray.trayId} ${positionLabel(sample.tray, sample.position)}` : sample.tray.trayId;
}
