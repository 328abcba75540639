import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { type Caller } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateId } from "@/lib/shared/human-ids";
import { positionLabel } from "@/lib/shared/tray-positions";
import { proposalForChange, proposalForRead } from "@/lib/proposals/access";
import { resolvePlacement } from "./placement";
import { sampleSchema, type SampleInput, type SampleValues } from "@/lib/schemas/sample";
import { createWithUniqueId } from "@/lib/platform/create-with-unique-id";
import { parseOrThrow } from "@/lib/shared/validation";
import { datasetListing } from "@/lib/datasets/datasets";

const saveFailed = "The sample could not be saved";

/** What the audit log and history show of a sample (also for bulk imports). */
export function auditedFields(
  sample: {
    specimenName: string;
    qrCodeLabel: string;
    description: string | null;
    status: string;
    metadata: Prisma.JsonValue;
  },
  placement: string | null,
) {
  return {
    specimenName: sample.specimenName,
    qrCodeLabel: sample.qrCodeLabel,
    description: sample.description,
    status: sample.status,
    placement,
    metadata: sample.metadata,
  };
}

/** A race on a position between the check and the insert ends here, with the same message. */
function rethrowPositionRace(error: unknown): never {
  if (violatedUniqueConstraint(error) === "Sample_trayId_position_key") {
    const message = "That position was taken a moment ago by someone else; choose another.";
    throw new ConflictError(message, { position: [message] });
  }
  throw error;
}

export async function createSample(
  caller: Caller,
  proposalId: string,
  input: SampleInput,
  generate = () => generateId("sample"),
) {
  const values = parseOrThrow(sampleSchema, input, saveFailed);
  return insertSample(caller, proposalId, values, generate);
}

async function insertSample(caller: Caller, proposalId: string, values: SampleValues, generate: () => string) {
  const prisma = await db();
  return createWithUniqueId({
    given: values.specimenId,
    generate,
    constraint: "Sample_specimenId_key",
    field: "specimenId",
    what: "Specimen ID",
    create: (specimenId) =>
      prisma
        .$transaction(async (tx) => {
          const proposal = await proposalForChange(tx, caller, proposalId, "samples:write");
          const placement = await resolvePlacement(tx, proposal.id, values.trayId, values.position);
          const sample = await tx.sample.create({
            data: {
              specimenId,
              proposalId: proposal.id,
              trayId: placement.trayDbId,
              position: placement.position,
              specimenName: values.specimenName,
              qrCodeLabel: values.qrCodeLabel ?? values.specimenName,
              description: values.description,
              status: values.status,
              metadata: values.metadata,
            },
          });
          await audit(
            tx,
            caller,
            "CREATE",
            "Sample",
            specimenId,
            auditedFields(sample, placement.trayLabel),
            proposal.proposalId,
          );
          return sample;
        })
        .catch((error: unknown) => {
          if (violatedUniqueConstraint(error) === "Sample_specimenId_key") throw error;
          return rethrowPositionRace(error);
        }),
  });
}

/** The sample with its proposal, if the caller may change it; "not found" never names the proposal. */
async function sampleForChange(tx: Prisma.TransactionClient, caller: Caller, specimenId: string) {
  const sample = await tx.sample.findUnique({
    where: { specimenId },
    include: {
      proposal: { select: { proposalId: true } },
      tray: { select: { trayId: true, rows: true, columns: true } },
      _count: { select: { datasets: true } },
    },
  });
  if (!sample) throw new NotFoundError(`Sample ${specimenId}`);
  try {
    await proposalForChange(tx, caller, sample.proposal.proposalId, "samples:write");
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`Sample ${specimenId}`);
    throw error;
  }
  return sample;
}

function placementLabel(sample: {
  tray: { trayId: string; rows: number; columns: number } | null;
  position: number | null;
}) {
  if (!sample.tray) return null;
  return sample.position ? `${sample.tray.trayId} ${positionLabel(sample.tray, sample.position)}` : sample.tray.trayId;
}

/** Edits a sample, including moving it to another tray or position of the same proposal. */
export async function updateSample(caller: Caller, specimenId: string, input: SampleInput) {
  const values = parseOrThrow(sampleSchema, input, saveFailed);
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      const sample = await sampleForChange(tx, caller, specimenId);
      if (values.specimenId && values.specimenId !== specimenId) {
        const message = "A sample's ID cannot change: it is printed on its label and recorded with its datasets.";
        throw new ConflictError(message, { specimenId: [message] });
      }
      const samePlace =
        values.trayId === sample.tray?.trayId &&
        (values.position === undefined || values.position === String(sample.position));
      const placement = samePlace
        ? { trayDbId: sample.trayId, position: sample.position, trayLabel: placementLabel(sample) }
        : await resolvePlacement(tx, sample.proposalId, values.trayId, values.position, sample.id);
      const updated = await tx.sample.update({
        where: { id: sample.id },
        data: {
          trayId: placement.trayDbId,
          position: placement.position,
          specimenName: values.specimenName,
          qrCodeLabel: values.qrCodeLabel ?? values.specimenName,
          description: values.description ?? null,
          // Left out of the input (an API PATCH, an older form): keep what is stored.
          status: input.status === undefined ? sample.status : values.status,
          metadata: input.metadata === undefined ? (sample.metadata ?? {}) : values.metadata,
        },
      });
      const changes = changedFields(
        auditedFields(sample, placementLabel(sample)),
        auditedFields(updated, placement.trayLabel),
      );
      if (Object.keys(changes).length)
        await audit(tx, caller, "UPDATE", "Sample", specimenId, changes, sample.proposal.proposalId);
      return updated;
    })
    .catch(rethrowPositionRace);
}

/**
 * Deletes a sample that has no datasets. A measured sample is part of the scientific record: it
 * stays, and can be marked returned or disposed instead.
 */
export async function deleteSample(caller: Caller, specimenId: string) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const sample = await sampleForChange(tx, caller, specimenId);
    if (sample._count.datasets > 0) {
      throw new ConflictError(
        `${specimenId} has ${sample._count.datasets} dataset${sample._count.datasets === 1 ? "" : "s"} and cannot be deleted: the datasets must keep their sample. Mark it returned or disposed instead.`,
      );
    }
    await tx.sample.delete({ where: { id: sample.id } });
    await audit(
      tx,
      caller,
      "DELETE",
      "Sample",
      specimenId,
      auditedFields(sample, placementLabel(sample)),
      sample.proposal.proposalId,
    );
    return { specimenId };
  });
}

/** A sample with what its page shows: proposal, tray, datasets, events. */
export async function getSample(caller: Caller, specimenId: string) {
  const prisma = await db();
  const sample = await prisma.sample.findUnique({
    where: { specimenId },
    include: {
      proposal: {
        select: { proposalId: true, title: true, piFirstname: true, piLastname: true, startTime: true, endTime: true },
      },
      tray: { select: { trayId: true, name: true, rows: true, columns: true } },
      datasets: datasetListing,
      events: { orderBy: { createdAt: "desc" }, take: 50 },
    },
  });
  if (!sample) throw new NotFoundError(`Sample ${specimenId}`);
  try {
    await proposalForRead(prisma, caller, sample.proposal.proposalId, "samples:read");
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`Sample ${specimenId}`);
    throw error;
  }
  return sample;
}

export type SampleDetail = Awaited<ReturnType<typeof getSample>>;
