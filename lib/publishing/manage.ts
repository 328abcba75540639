import "server-only";
import { audit } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { requireRole } from "@/lib/auth/permissions";
import { config } from "@/lib/platform/config";
import { db } from "@/lib/platform/db";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { proposalIsPublished, queueProposalRecords } from "./outbox";
import { requeueEverything } from "./requeue";

function requirePublishing() {
  const settings = config().publishing;
  if (!settings)
    throw new ValidationError("Publishing to SciCat is off", {
      _: ["No SciCat target is configured (SCICAT_PUBLISH_URL); see README, “Publishing to SciCat”"],
    });
  return settings;
}

/**
 * Staff decide whether a proposal is published: true opts it in (everything it holds is queued),
 * false withdraws it (nothing more is sent; what SciCat holds stays, docs/decisions/011), null
 * returns it to the configured default.
 */
export async function setProposalPublishing(caller: Caller, proposalId: string, choice: boolean | null) {
  requireRole(caller, "STAFF", "Choosing whether a proposal is published to SciCat");
  const settings = requirePublishing();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.findUnique({
      where: { proposalId },
      select: { id: true, publishToSciCat: true },
    });
    if (!proposal) throw new NotFoundError(`Proposal ${proposalId}`);
    const before = proposalIsPublished(proposal.publishToSciCat, settings.proposals);
    const after = proposalIsPublished(choice, settings.proposals);
    await tx.proposal.update({ where: { id: proposal.id }, data: { publishToSciCat: choice } });
    await audit(
      tx,
      caller,
      "UPDATE",
      "Proposal",
      proposalId,
      { publishToSciCat: [proposal.publishToSciCat, choice] },
      proposalId,
    );
    const queued = !before && after ? await queueProposalRecords(tx, proposal.id) : 0;
    return { publishing: after, queued };
  });
}

/** Tries a failed or refused row again now (all of them when no id is given). */
export async function retryPublication(caller: Caller, id?: string): Promise<number> {
  requireRole(caller, "STAFF", "Retrying SciCat publication");
  requirePublishing();
  if (id !== undefined && !/^\d{1,18}$/.test(id)) throw new NotFoundError(`Queued change ${id}`);
  const prisma = await db();
  const now = new Date();
  const failed =
    id === undefined ? { OR: [{ rejectedAt: { not: null } }, { attempts: { gt: 0 } }] } : { id: BigInt(id) };
  // A row a worker is delivering right now (its lease runs) is left to that worker.
  const notHeld = { OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }] };
  const { count } = await prisma.publicationOutbox.updateMany({
    where: { AND: [failed, notHeld] },
    data: { rejectedAt: null, nextAttemptAt: now, attempts: 0 },
  });
  if (id !== undefined && count === 0) throw new NotFoundError(`Queued change ${id}`);
  return count;
}

/** Queues everything that is to be published again (admins: a new target, a lost SciCat database). */
export async function republishEverything(caller: Caller): Promise<number> {
  requireRole(caller, "ADMIN", "Publishing everything to SciCat again");
  requirePublishing();
  return requeueEverything(await db());
}
