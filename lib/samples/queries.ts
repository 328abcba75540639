import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { requireRecordAccess } from "@/lib/proposals/access";
import { datasetListing } from "@/lib/datasets/listing";

/** A sample with what its page shows: proposal, tray, datasets, events. */
export async function getSample(caller: Caller, specimenId: string) {
  const prisma = await db();
  const sample = await prisma.sample.findUnique({
    where: { specimenId },
    include: {
      proposal: {
        select: {
          proposalId: true,
          title: true,
          piFirstname: true,
          piLastname: true,
          startTime: true,
          endTime: true,
          ownerGroup: true,
          accessGroups: true,
        },
      },
      tray: { select: { trayId: true, name: true, rows: true, columns: true } },
      datasets: datasetListing,
      events: { orderBy: { createdAt: "desc" }, take: 50 },
    },
  });
  if (!sample) throw new NotFoundError(`Sample ${specimenId}`);
  const record = { what: `Sample ${specimenId}`, proposalId: sample.proposal.proposalId };
  await requireRecordAccess(prisma, caller, record, "read", "samples:read");
  return sample;
}

export type SampleDetail = Awaited<ReturnType<typeof getSample>>;
