import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import { generateId } from "@/lib/shared/human-ids";
import { capacity, positionLabel } from "@/lib/shared/tray-positions";
import { proposalForChange, proposalForRead } from "@/lib/proposals/access";
import { traySchema, type TrayInput } from "@/lib/schemas/tray";
import { createWithUniqueId } from "@/lib/platform/create-with-unique-id";
import { parseOrThrow } from "@/lib/shared/validation";

const saveFailed = "The tray could not be saved";

export async function createTray(
  caller: Caller,
  proposalId: string,
  input: TrayInput,
  generate = () => generateId("tray"),
) {
  const values = parseOrThrow(traySchema, input, saveFailed);
  const prisma = await db();
  return createWithUniqueId({
    given: values.trayId,
    generate,
    constraint: "Tray_trayId_key",
    field: "trayId",
    what: "Tray ID",
    create: (trayId) =>
      prisma.$transaction(async (tx) => {
        const proposal = await proposalForChange(tx, caller, proposalId, "samples:write");
        const tray = await tx.tray.create({
          data: {
            trayId,
            proposalId: proposal.id,
            name: values.name,
            rows: values.rows,
            columns: values.columns,
            metadata: values.metadata,
          },
        });
        await audit(
          tx,
          caller,
          "CREATE",
          "Tray",
          trayId,
          { name: tray.name, rows: tray.rows, columns: tray.columns, metadata: tray.metadata },
          proposal.proposalId,
        );
        return tray;
      }),
  });
}

/** The tray and its proposal if the caller may change it; "not found" never names the proposal. */
async function trayForChange(tx: Parameters<typeof proposalForChange>[0], caller: Caller, trayId: string) {
  const tray = await tx.tray.findUnique({ where: { trayId }, include: { proposal: { select: { proposalId: true } } } });
  if (!tray) throw new NotFoundError(`Tray ${trayId}`);
  try {
    await proposalForChange(tx, caller, tray.proposal.proposalId, "samples:write");
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`Tray ${trayId}`);
    throw error;
  }
  return tray;
}

export async function getTray(caller: Caller, trayId: string) {
  const prisma = await db();
  const tray = await prisma.tray.findUnique({
    where: { trayId },
    include: {
      proposal: { select: { proposalId: true, title: true } },
      samples: {
        orderBy: { position: "asc" },
        select: { specimenId: true, specimenName: true, position: true, status: true },
      },
    },
  });
  if (!tray) throw new NotFoundError(`Tray ${trayId}`);
  try {
    await proposalForRead(prisma, caller, tray.proposal.proposalId, "samples:read");
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`Tray ${trayId}`);
    throw error;
  }
  return tray;
}

/** Renaming, re-describing or re-shaping; a smaller layout may not drop occupied positions. */
export async function updateTray(caller: Caller, trayId: string, input: TrayInput) {
  const values = parseOrThrow(traySchema, input, saveFailed);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const tray = await trayForChange(tx, caller, trayId);
    if (values.trayId && values.trayId !== trayId) {
      throw new ConflictError("A tray's ID cannot change: it is printed on its label.", {
        trayId: ["A tray's ID cannot change"],
      });
    }
    const layout = { rows: values.rows, columns: values.columns };
    const outside = await tx.sample.findMany({
      where: { trayId: tray.id, position: { gt: capacity(layout) } },
      select: { specimenId: true, position: true },
    });
    const reshaped =
      layout.columns !== tray.columns &&
      (await tx.sample.count({ where: { trayId: tray.id, position: { not: null } } })) > 0;
    if (outside.length || reshaped) {
      const message = outside.length
        ? `The new layout has no room for ${outside.map((s) => `${s.specimenId} (position ${positionLabel(tray, s.position!)})`).join(", ")}; move those samples first.`
        : "Changing the number of columns would move every sample to another position; move the samples out of the tray first.";
      throw new ConflictError(message, { [outside.length ? "rows" : "columns"]: [message] });
    }
    const updated = await tx.tray.update({
      where: { id: tray.id },
      data: { name: values.name, rows: values.rows, columns: values.columns, metadata: values.metadata },
    });
    const changes = changedFields(
      { name: tray.name, rows: tray.rows, columns: tray.columns, metadata: tray.metadata },
      { name: updated.name, rows: updated.rows, columns: updated.columns, metadata: updated.metadata },
    );
    if (Object.keys(changes).length)
      await audit(tx, caller, "UPDATE", "Tray", trayId, changes, tray.proposal.proposalId);
    return updated;
  });
}

/**
 * What happens to the samples of a tray being deleted: the caller must choose when there are any.
 * `unassign` keeps them in the proposal without a tray; `delete-samples` deletes them too (refused
 * for samples with datasets).
 */
export type TraySamplesOnDelete = "refuse" | "unassign" | "delete-samples";

export async function deleteTray(caller: Caller, trayId: string, samples: TraySamplesOnDelete = "refuse") {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const tray = await trayForChange(tx, caller, trayId);
    const held = await tx.sample.findMany({
      where: { trayId: tray.id },
      orderBy: { specimenId: "asc" },
      select: { id: true, specimenId: true, _count: { select: { datasets: true } } },
    });
    if (held.length && samples === "refuse") {
      throw new ConflictError(
        `Tray ${trayId} holds ${held.length} sample${held.length === 1 ? "" : "s"}. Choose whether to keep them without a tray or to delete them with the tray.`,
      );
    }
    if (samples === "delete-samples") {
      const measured = held.filter((sample) => sample._count.datasets > 0);
      if (measured.length) {
        throw new ConflictError(
          `${measured.map((s) => s.specimenId).join(", ")} ${measured.length === 1 ? "has" : "have"} datasets and cannot be deleted; keep the samples without a tray instead (and mark them returned or disposed).`,
        );
      }
      for (const sample of held)
        await audit(
          tx,
          caller,
          "DELETE",
          "Sample",
          sample.specimenId,
          { tray: trayId, reason: `tray ${trayId} deleted` },
          tray.proposal.proposalId,
        );
      await tx.sample.deleteMany({ where: { trayId: tray.id } });
    } else if (held.length) {
      for (const sample of held)
        await audit(
          tx,
          caller,
          "UPDATE",
          "Sample",
          sample.specimenId,
          { tray: [trayId, null] },
          tray.proposal.proposalId,
        );
      await tx.sample.updateMany({ where: { trayId: tray.id }, data: { trayId: null, position: null } });
    }
    await tx.tray.delete({ where: { id: tray.id } });
    await audit(
      tx,
      caller,
      "DELETE",
      "Tray",
      trayId,
      { name: tray.name, rows: tray.rows, columns: tray.columns, samples: held.length ? samples : "none" },
      tray.proposal.proposalId,
    );
    return { trayId, samples: held.length };
  });
}
