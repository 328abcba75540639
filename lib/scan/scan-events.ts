import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit/audit-log";
import { type Caller, callerName } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import type { Prisma, SampleStatus } from "@/lib/generated/prisma/client";
import { scanTarget, type ScanTarget, unknownCode } from "./scan-target";
import type { RecordedScan } from "./scan-result";
import { eventKindOf, sampleEventSchema, type SampleEventInput } from "@/lib/schemas/sample-event";
import { parseOrThrow } from "@/lib/shared/validation";

type Transaction = Prisma.TransactionClient;

const scannedSample = {
  id: true,
  specimenId: true,
  specimenName: true,
  status: true,
  proposal: { select: { proposalId: true } },
} as const;

/** The samples a batch scan acts on: the scanned sample, or every sample in the scanned tray. */
async function scannedSamples(tx: Transaction, target: ScanTarget) {
  if (target.kind !== "tray") {
    const sample = await tx.sample.findUnique({ where: { specimenId: target.id }, select: scannedSample });
    if (sample) return { trayId: null, samples: [sample] };
    if (target.kind === "sample") unknownCode(target);
  }
  const tray = await tx.tray.findUnique({
    where: { trayId: target.id },
    select: { trayId: true, samples: { orderBy: { position: "asc" }, select: scannedSample } },
  });
  if (!tray) return unknownCode(target);
  if (tray.samples.length === 0) throw new ConflictError(`Tray ${tray.trayId} holds no samples; nothing was recorded.`);
  return { trayId: tray.trayId, samples: tray.samples };
}

/**
 * One scan in batch mode: a tracking event per sample, the sample's new status and an audit row,
 * all in one transaction. Staff act on every proposal (the beamline handles them all).
 */
export async function recordScanEvent(caller: Caller, input: SampleEventInput): Promise<RecordedScan> {
  requireStaffOrScope(caller, "events:write", "Recording sample events");
  const values = parseOrThrow(sampleEventSchema, input, "The scan could not be recorded");
  const target = scanTarget(values.code);
  // The schema admits only listed kinds.
  const kind = eventKindOf(values.kind)!;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { trayId, samples } = await scannedSamples(tx, target);
    const events: RecordedScan["events"] = [];
    for (const sample of samples) {
      const event = await tx.sampleEvent.create({
        data: {
          sampleId: sample.id,
          kind: kind.kind,
          actorId: caller.kind === "user" ? caller.id : null,
          actorName: callerName(caller),
          location: values.location ?? null,
          note: trayId ? `scanned with tray ${trayId}` : null,
          previousStatus: sample.status,
        },
      });
      await tx.sample.update({ where: { id: sample.id }, data: { status: kind.status } });
      await audit(
        tx,
        caller,
        "UPDATE",
        "Sample",
        sample.specimenId,
        {
          status: [sample.status, kind.status],
          trackingEvent: [null, values.location ? `${kind.kind} at ${values.location}` : kind.kind],
        },
        sample.proposal.proposalId,
      );
      events.push({
        id: event.id,
        specimenId: sample.specimenId,
        specimenName: sample.specimenName,
        status: kind.status,
        previousStatus: sample.status,
      });
    }
    return { code: target.id, kind: kind.kind, label: kind.label, trayId, events };
  });
}

const eventIdsSchema = z.array(z.string().min(1).max(64)).min(1).max(1000);

/**
 * Undoes scans: removes the events and gives each sample back the status it had before. Only the
 * newest event of a sample can be undone, or the restored status would skip a later step.
 */
export async function undoScanEvents(caller: Caller, eventIds: string[]) {
  requireStaffOrScope(caller, "events:write", "Undoing sample events");
  const ids = parseOrThrow(eventIdsSchema, eventIds, "Nothing to undo");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const events = await tx.sampleEvent.findMany({
      where: { id: { in: ids } },
      include: { sample: { select: scannedSample } },
    });
    if (events.length !== new Set(ids).size) throw new NotFoundError("The scan to undo");
    const undone: { specimenId: string; status: SampleStatus }[] = [];
    for (const event of events) {
      const newest = await tx.sampleEvent.findFirst({
        where: { sampleId: event.sampleId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, kind: true },
      });
      if (newest && newest.id !== event.id) {
        throw new ConflictError(
          `${event.sample.specimenId} was scanned again (${newest.kind}) after this scan; undo that scan first.`,
        );
      }
      const status = event.previousStatus ?? event.sample.status;
      await tx.sampleEvent.delete({ where: { id: event.id } });
      await tx.sample.update({ where: { id: event.sampleId }, data: { status } });
      await audit(
        tx,
        caller,
        "UPDATE",
        "Sample",
        event.sample.specimenId,
        { status: [event.sample.status, status], trackingEvent: [event.kind, null] },
        event.sample.proposal.proposalId,
      );
      undone.push({ specimenId: event.sample.specimenId, status });
    }
    return undone;
  });
}
