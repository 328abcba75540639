import "server-only";
import type { Caller } from "@/lib/auth/caller";
import type { DbClient } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { requireRecordAccess } from "@/lib/proposals/access";

export const saveFailed = "The tray could not be saved";

/** The tray and its proposal if the caller may change it; "not found" never names the proposal. */
export async function trayForChange(tx: DbClient, caller: Caller, trayId: string) {
  const tray = await tx.tray.findUnique({ where: { trayId }, include: { proposal: { select: { proposalId: true } } } });
  if (!tray) throw new NotFoundError(`Tray ${trayId}`);
  const record = { what: `Tray ${trayId}`, proposalId: tray.proposal.proposalId };
  await requireRecordAccess(tx, caller, record, "change", "samples:write");
  return tray;
}
