import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/platform/config";
import { proposalIsPublished, queueDatasetsWithoutProposal, queueProposalRecords } from "./outbox";

/**
 * Queues every record that is to be published, whether SciCat has it or not: for a new target,
 * or when publishing is switched on for data that exists already. Delivery is create-or-update,
 * so what SciCat holds already is updated, never copied.
 */
export async function requeueEverything(prisma: PrismaClient): Promise<number> {
  const settings = config().publishing;
  if (!settings) return 0;
  const proposals = await prisma.proposal.findMany({ select: { id: true, publishToSciCat: true } });
  let queued = 0;
  for (const proposal of proposals) {
    if (!proposalIsPublished(proposal.publishToSciCat, settings.proposals)) continue;
    queued += await prisma.$transaction((tx) => queueProposalRecords(tx, proposal.id));
  }
  if (settings.proposals === "all") queued += await prisma.$transaction((tx) => queueDatasetsWithoutProposal(tx));
  return queued;
}
