import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { ConflictError } from "@/lib/shared/errors";
import { capacity, positionLabel } from "@/lib/shared/tray-positions";
import { traySchema, type TrayInput } from "@/lib/schemas/tray";
import { parseOrThrow } from "@/lib/shared/validation";
import { saveFailed, trayForChange } from "./tray-record";

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
