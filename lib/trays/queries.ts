import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { requireRecordAccess } from "@/lib/proposals/access";

/** A tray with its samples, if the caller may see its proposal; otherwise the same "not found" as for none. */
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
  const record = { what: `Tray ${trayId}`, proposalId: tray.proposal.proposalId };
  await requireRecordAccess(prisma, caller, record, "read", "samples:read");
  return tray;
}

export type TrayDetail = Awaited<ReturnType<typeof getTray>>;
