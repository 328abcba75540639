import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { queuePublication } from "@/lib/publishing/outbox";
import { type Caller } from "@/lib/auth/caller";
import { editableProposals, requireSignedIn } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError } from "@/lib/shared/errors";
import { proposalSchema, type ProposalInput } from "@/lib/schemas/proposal";
import { parseOrThrow } from "@/lib/shared/validation";
import { checkGroupChange } from "./groups";
import {
  auditedProposal,
  auditInclude,
  instrumentIdsByPid,
  linkedMembers,
  periodRows,
  proposalSaveFailed,
  scalarFields,
} from "./proposal-record";

/**
 * Registers a proposal. Anyone signed in may; the creator becomes a member (the PI when their
 * email is the PI's), so they can go on to add trays and samples.
 */
export async function createProposal(caller: Caller, input: ProposalInput) {
  requireSignedIn(caller);
  if (caller.kind === "token") editableProposals(caller);
  const values = parseOrThrow(proposalSchema, input, proposalSaveFailed);
  const ownerGroup = values.ownerGroup ?? `proposal-${values.proposalId}`;
  checkGroupChange(caller, values, { ownerGroup: `proposal-${values.proposalId}`, accessGroups: [] });
  const members = [...values.members];
  if (caller.kind === "user" && caller.email && !members.some((member) => member.email === caller.email)) {
    members.push({ email: caller.email, role: caller.email === values.piEmail ? "PI" : "MEMBER" });
  }
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const instruments = await instrumentIdsByPid(tx, values);
      const created = await tx.proposal.create({
        data: {
          ...scalarFields(values),
          proposalId: values.proposalId,
          ownerGroup,
          accessGroups: values.accessGroups,
          createdById: caller.kind === "user" ? caller.id : null,
          instruments: { create: values.instrumentPids.map((pid) => ({ instrumentId: instruments.get(pid)! })) },
          measurementPeriods: { create: periodRows(values, instruments) },
          members: { create: await linkedMembers(tx, members) },
        },
        include: auditInclude,
      });
      await audit(tx, caller, "CREATE", "Proposal", created.proposalId, auditedProposal(created), created.proposalId);
      await queuePublication(tx, { entity: "Proposal", proposalId: created.proposalId });
      return created;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === "Proposal_proposalId_key") {
      const message = `Proposal ${values.proposalId} is already registered. Ask its PI to add you as a member.`;
      throw new ConflictError(message, { proposalId: [message] });
    }
    throw error;
  }
}
