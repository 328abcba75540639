import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { editableProposals, readableProposals } from "@/lib/auth/permissions";
import { type Scope } from "@/lib/schemas/api-token";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { db, type DbClient } from "@/lib/platform/db";

/**
 * The proposal a change is about, if the caller may change it. Someone who may see the proposal
 * but not change it learns why; anyone else gets the same "not found" as for a missing proposal.
 */
export async function proposalForChange(
  client: DbClient,
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
  client: DbClient,
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

/**
 * Access to a record of a proposal (a sample, a tray) follows its proposal. A caller who may not
 * see the proposal gets "not found" for the record itself (`what`, e.g. "Sample S-4F7KMQ"), so
 * neither the record nor its proposal's ID leaks; one who may see but not change it learns why.
 */
export async function requireRecordAccess(
  client: DbClient,
  caller: Caller,
  record: { what: string; proposalId: string },
  access: "read" | "change",
  scope: Scope,
): Promise<void> {
  try {
    if (access === "read") await proposalForRead(client, caller, record.proposalId, scope);
    else await proposalForChange(client, caller, record.proposalId, scope);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(record.what);
    throw error;
  }
}

/** Whether the caller may change the proposal (to show or hide the editing controls). */
export async function canEditProposal(caller: Caller, proposalId: string): Promise<boolean> {
  const prisma = await db();
  try {
    await proposalForChange(prisma, caller, proposalId);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return false;
    throw error;
  }
}
