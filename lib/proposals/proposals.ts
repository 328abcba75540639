import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { type Caller, editableProposals, hasRole, readableProposals, requireSignedIn } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { proposalForChange, proposalForRead } from "./access";
import { proposalSchema, type ProposalInput, type ProposalValues } from "@/lib/schemas/proposal";
import { parseOrThrow } from "@/lib/shared/validation";
import { datasetListing } from "@/lib/datasets/datasets";

const summary = {
  proposalId: true,
  title: true,
  piFirstname: true,
  piLastname: true,
  startTime: true,
  endTime: true,
  status: true,
  _count: { select: { samples: true, trays: true, datasets: true } },
} as const;

/** Proposals the caller may see, soonest beamtime first. */
export async function listProposals(caller: Caller) {
  const where = readableProposals(caller);
  const prisma = await db();
  return prisma.proposal.findMany({
    where,
    orderBy: [{ startTime: { sort: "asc", nulls: "last" } }, { proposalId: "asc" }],
    select: summary,
  });
}

/** Beamtimes the caller may see that have not ended yet, soonest first. */
export async function listUpcomingBeamtimes(caller: Caller, now: Date = new Date()) {
  const where = readableProposals(caller);
  const prisma = await db();
  return prisma.proposal.findMany({
    where: { AND: [where, { endTime: { gte: now }, status: { not: "CANCELLED" } }] },
    orderBy: [{ startTime: "asc" }, { proposalId: "asc" }],
    select: summary,
  });
}

export type ProposalSummary = Awaited<ReturnType<typeof listProposals>>[number];

/** Beamtimes overlapping [from, to) that the caller may see, soonest first (staff: the week's plan). */
export async function listBeamtimesBetween(caller: Caller, from: Date, to: Date) {
  const where = readableProposals(caller);
  const prisma = await db();
  return prisma.proposal.findMany({
    where: {
      AND: [
        where,
        { status: { not: "CANCELLED" } },
        {
          OR: [
            { startTime: { lt: to }, endTime: { gte: from } },
            { measurementPeriods: { some: { start: { lt: to }, end: { gte: from } } } },
          ],
        },
      ],
    },
    orderBy: [{ startTime: "asc" }, { proposalId: "asc" }],
    select: summary,
  });
}

/**
 * One proposal with everything its page shows. NotFoundError when there is none or the caller may
 * not see it: the two are indistinguishable from outside.
 */
export async function getProposal(caller: Caller, proposalId: string) {
  const where = readableProposals(caller);
  const prisma = await db();
  const proposal = await prisma.proposal.findFirst({
    where: { AND: [where, { proposalId }] },
    include: {
      instruments: { include: { instrument: { select: { pid: true, name: true } } } },
      measurementPeriods: { orderBy: { start: "asc" }, include: { instrument: { select: { name: true, pid: true } } } },
      members: { orderBy: [{ role: "asc" }, { email: "asc" }] },
      trays: {
        orderBy: { trayId: "asc" },
        include: { samples: { select: { specimenId: true, specimenName: true, position: true, status: true } } },
      },
      samples: {
        orderBy: { specimenId: "asc" },
        include: {
          tray: { select: { trayId: true, rows: true, columns: true } },
          _count: { select: { datasets: true } },
        },
      },
      datasets: {
        ...datasetListing,
        select: { ...datasetListing.select, sample: { select: { specimenId: true } } },
      },
    },
  });
  if (!proposal) throw new NotFoundError(`Proposal ${proposalId}`);
  return proposal;
}

export type ProposalDetail = Awaited<ReturnType<typeof getProposal>>;

const proposalSaveFailed = "The proposal could not be saved";

/** Membership, periods and instruments as the audit log records them. */
function auditedProposal(p: {
  title: string;
  abstract: string | null;
  description: string | null;
  piFirstname: string | null;
  piLastname: string | null;
  piEmail: string | null;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  startTime: Date | null;
  endTime: Date | null;
  type: string | null;
  status: string;
  ownerGroup: string;
  accessGroups: string[];
  metadata: Prisma.JsonValue;
  members: { email: string; role: string }[];
  measurementPeriods: { start: Date; end: Date; comment: string | null; instrument: { pid: string } | null }[];
  instruments: { instrument: { pid: string } }[];
}) {
  return {
    title: p.title,
    abstract: p.abstract,
    description: p.description,
    pi: [p.piFirstname, p.piLastname, p.piEmail].filter(Boolean).join(" "),
    mainProposer: [p.firstname, p.lastname, p.email].filter(Boolean).join(" "),
    beamtime: [p.startTime?.toISOString() ?? null, p.endTime?.toISOString() ?? null],
    type: p.type,
    status: p.status,
    ownerGroup: p.ownerGroup,
    accessGroups: p.accessGroups,
    metadata: p.metadata,
    members: p.members.map((m) => `${m.email} (${m.role})`).sort(),
    measurementPeriods: p.measurementPeriods.map(
      (m) =>
        `${m.start.toISOString()} – ${m.end.toISOString()}${m.instrument ? ` @ ${m.instrument.pid}` : ""}${m.comment ? `: ${m.comment}` : ""}`,
    ),
    instruments: p.instruments.map((i) => i.instrument.pid).sort(),
  };
}

const auditInclude = {
  members: { select: { email: true, role: true } },
  measurementPeriods: {
    orderBy: { start: "asc" },
    select: { start: true, end: true, comment: true, instrument: { select: { pid: true } } },
  },
  instruments: { select: { instrument: { select: { pid: true } } } },
} as const;

async function instrumentIdsByPid(
  tx: Prisma.TransactionClient,
  pids: string[],
  field: string,
): Promise<Map<string, string>> {
  const wanted = [...new Set(pids)];
  const found = await tx.instrument.findMany({ where: { pid: { in: wanted } }, select: { id: true, pid: true } });
  const byPid = new Map(found.map((instrument) => [instrument.pid, instrument.id]));
  const unknown = wanted.filter((pid) => !byPid.has(pid));
  if (unknown.length)
    throw new ValidationError(proposalSaveFailed, { [field]: [`Unknown instrument ${unknown.join(", ")}`] });
  return byPid;
}

/**
 * Only staff decide who owns a proposal's data and who may read it (SciCat's ownerGroup / accessGroups);
 * API tokens may too: only staff create them. Pages ask this to show or hide the group fields.
 */
export function canSetProposalGroups(caller: Caller): boolean {
  return hasRole(caller, "STAFF") || caller.kind === "token";
}

function checkGroupChange(
  caller: Caller,
  wanted: { ownerGroup?: string; accessGroups: string[] },
  current: { ownerGroup: string; accessGroups: string[] },
) {
  const changes =
    (wanted.ownerGroup !== undefined && wanted.ownerGroup !== current.ownerGroup) ||
    wanted.accessGroups.join() !== current.accessGroups.join();
  if (changes && !canSetProposalGroups(caller)) {
    throw new ForbiddenError("Only beamline staff can set the owner group and access groups of a proposal.");
  }
}

async function linkedMembers(tx: Prisma.TransactionClient, members: ProposalValues["members"]) {
  const users = await tx.user.findMany({
    where: { email: { in: members.map((m) => m.email) } },
    select: { id: true, email: true },
  });
  const byEmail = new Map(users.map((user) => [user.email, user.id]));
  return members.map((member) => ({
    email: member.email,
    role: member.role,
    userId: byEmail.get(member.email) ?? null,
  }));
}

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
      const instruments = await instrumentIdsByPid(
        tx,
        [
          ...values.instrumentPids,
          ...values.measurementPeriods.flatMap((m) => (m.instrumentPid ? [m.instrumentPid] : [])),
        ],
        "instrumentPids",
      );
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

function scalarFields(values: ProposalValues) {
  return {
    title: values.title,
    abstract: values.abstract ?? null,
    description: values.description ?? null,
    piFirstname: values.piFirstname ?? null,
    piLastname: values.piLastname ?? null,
    piEmail: values.piEmail ?? null,
    firstname: values.firstname ?? null,
    lastname: values.lastname ?? null,
    email: values.email ?? null,
    startTime: values.startTime ?? null,
    endTime: values.endTime ?? null,
    type: values.type ?? null,
    status: values.status,
    metadata: values.metadata,
  };
}

function periodRows(values: ProposalValues, instruments: Map<string, string>) {
  return values.measurementPeriods.map((period) => ({
    start: period.start,
    end: period.end,
    comment: period.comment ?? null,
    instrumentId: period.instrumentPid ? instruments.get(period.instrumentPid)! : null,
  }));
}

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
    const instruments = await instrumentIdsByPid(
      tx,
      [
        ...values.instrumentPids,
        ...values.measurementPeriods.flatMap((m) => (m.instrumentPid ? [m.instrumentPid] : [])),
      ],
      "instrumentPids",
    );
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
    if (Object.keys(changes).length) await audit(tx, caller, "UPDATE", "Proposal", proposalId, changes, proposalId);
    return updated;
  });
}

/** The audit trail of a proposal and everything in it, newest first. */
export async function proposalHistory(caller: Caller, proposalId: string, take = 100) {
  const prisma = await db();
  await proposalForRead(prisma, caller, proposalId);
  return prisma.auditLog.findMany({ where: { proposalId }, orderBy: { createdAt: "desc" }, take });
}

/** The audit trail of one record (a sample, a tray) the caller may see. */
export async function recordHistory(caller: Caller, proposalId: string, entity: string, entityId: string, take = 50) {
  const prisma = await db();
  await proposalForRead(prisma, caller, proposalId);
  return prisma.auditLog.findMany({ where: { proposalId, entity, entityId }, orderBy: { createdAt: "desc" }, take });
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

/** The proposal for its edit form: "forbidden" for those who may only read it. */
export async function getProposalForEdit(caller: Caller, proposalId: string) {
  const prisma = await db();
  await proposalForChange(prisma, caller, proposalId);
  return getProposal(caller, proposalId);
}
