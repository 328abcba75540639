import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { capacity, positionLabel } from "@/lib/shared/tray-positions";
import { proposalForChange } from "@/lib/proposals/access";

/** What the import page shows besides the form: the proposal's trays and their room. */
export async function sampleImportContext(caller: Caller, proposalId: string) {
  const prisma = await db();
  const proposal = await proposalForChange(prisma, caller, proposalId, "samples:write");
  const trays = await prisma.tray.findMany({
    where: { proposalId: proposal.id },
    orderBy: { trayId: "asc" },
    select: { trayId: true, name: true, rows: true, columns: true, _count: { select: { samples: true } } },
  });
  return {
    proposalId: proposal.proposalId,
    trays: trays.map((tray) => ({
      trayId: tray.trayId,
      name: tray.name,
      layout: tray.rows === 1 ? `1 to ${tray.columns}` : `A1 to ${positionLabel(tray, capacity(tray))}`,
      free: capacity(tray) - tray._count.samples,
    })),
  };
}
