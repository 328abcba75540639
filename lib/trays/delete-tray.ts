import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { queuePublication, queueSampleAttachments } from "@/lib/publishing/outbox";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { ConflictError } from "@/lib/shared/errors";
import { trayForChange } from "./tray-record";

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
      await queueSampleAttachments(
        tx,
        held.map((sample) => sample.id),
        tray.proposal.proposalId,
      );
      await tx.sample.deleteMany({ where: { trayId: tray.id } });
      const proposalId = tray.proposal.proposalId;
      await queuePublication(
        tx,
        ...held.map((sample) => ({ entity: "Sample" as const, specimenId: sample.specimenId, proposalId })),
      );
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
