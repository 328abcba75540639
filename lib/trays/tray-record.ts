import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { NotFoundError } from "@/lib/shared/errors";
import { proposalForChange } from "@/lib/proposals/access";

export const saveFailed = "The tray could not be saved";

/** The tray and its proposal if the caller may change it; "not found" never names the proposal. */
export async function trayForChange(tx: Parameters<typeof proposalForChange>[0], caller: Caller, trayId: string) {
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
