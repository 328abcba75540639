import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { queuePublication, queuePublishedRecords } from "@/lib/publishing/outbox";
import { type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { ConflictError } from "@/lib/shared/errors";
import { proposalForChange } from "./access";
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

/** Saves the whole proposal as edited: periods, members and instruments are replaced by the new lists. */
export async function updateProposal(caller: Caller, proposalId: string, input: ProposalInput) {
  const values = parseOrThrow(proposalSchema, input, proposalSaveFailed);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const target = await proposalForChange(tx, caller, proposalId);
    if (values.proposalId !== proposalId) {
      const message = "A proposal's ID cannot change.";
      throw new ConflictError(message, { proposalId: [message] });
    }
    // Left out of the input (an API PATCH, a form without the staff fields): keep what is stored.
    const accessGroups = input.accessGroups === undefined ? target.accessGroups : values.accessGroups;
    checkGroupChange(caller, { ownerGroup: values.ownerGroup, accessGroups }, target);
    const before = await tx.proposal.findUniqueOrThrow({ where: { id: target.id }, include: auditInclude });
    const instruments = await instrumentIdsByPid(tx, values);
    const keptEmails = values.members.map((member) => member.email);
    await tx.proposalMember.deleteMany({ where: { proposalId: target.id, email: { notIn: keptEmails } } });
    for (const member of await linkedMembers(tx, values.members)) {
      await tx.proposalMember.upsert({
        where: { proposalId_email: { proposalId: target.id, email: member.email } },
        update: { role: member.role, ...(member.userId ? { userId: member.userId } : {}) },
        create: { ...member, proposalId: target.id },
      });
    }
    await tx.measurementPeriod.deleteMany({ where: { proposalId: target.id } });
    await tx.proposalInstrument.deleteMany({ where: { proposalId: target.id } });
    const updated = await tx.proposal.update({
      where: { id: target.id },
      data: {
        ...scalarFields(values),
        ownerGroup: values.ownerGroup ?? target.ownerGroup,
        accessGroups,
        measurementPeriods: { create: periodRows(values, instruments) },
        instruments: { create: values.instrumentPids.map((pid) => ({ instrumentId: instruments.get(pid)! })) },
      },
      include: auditInclude,
    });
    const changes = changedFields(auditedProposal(before), auditedProposal(updated));
    if (Object.keys(changes).length) {
      await audit(tx, caller, "UPDATE", "Proposal", proposalId, changes, proposalId);
      await queuePublication(tx, { entity: "Proposal", proposalId });
      // SciCat's copies of its samples and datasets carry the proposal's groups and PI too.
      if (["ownerGroup", "accessGroups", "pi"].some((field) => field in changes))
        await queuePublishedRecords(tx, target.id, proposalId);
    }
    return updated;
  });
}
