import "server-only";
import { type Caller, editableProposals, readableProposals, type Scope } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * The proposal a change is about, if the caller may change it. Someone who may see the proposal
 * but not change it learns why; anyone else gets the same "not found" as for a missing proposal.
 */
export async function proposalForChange(
  client: Client,
  caller: Caller,
  proposalId: string,
  scope: Scope = "proposals:write",
) {
  const editable = editableProposals(caller, scope);
  const proposal = await client.proposal.findFirst({
    where: { AND: [editable, { proposalId }] },
    select: { id: true, proposalId: true, ownerGroup: true, accessGroups: true },
  });
  if (proposal) return proposal;
  if (
    caller.kind === "user" &&
    (await client.proposal.count({ where: { AND: [readableProposals(caller), { proposalId }] } }))
  ) {
    throw new ForbiddenError(
      `You may see proposal ${proposalId} but not change it: only its members and its owner group can.`,
    );
  }
  throw new NotFoundError(`Proposal ${proposalId}`);
}

/** The proposal a read is about, if the caller may see it. */
export async function proposalForRead(
  client: Client,
  caller: Caller,
  proposalId: string,
  scope: Scope = "proposals:read",
) {
  const proposal = await client.proposal.findFirst({
    where: { AND: [readableProposals(caller, scope), { proposalId }] },
    select: { id: true, proposalId: true },
  });
  if (!proposal) throw new NotFoundError(`Proposal ${proposalId}`);
  return proposal;
}
