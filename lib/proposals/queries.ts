import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { readableProposals } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { proposalForChange } from "./access";
import { datasetListing } from "@/lib/datasets/listing";

/** Reading proposals: only those the caller may see (lib/auth/permissions.ts), in the shapes pages and the API show. */

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

/** The proposal for its edit form: "forbidden" for those who may only read it. */
export async function getProposalForEdit(caller: Caller, proposalId: string) {
  const prisma = await db();
  await proposalForChange(prisma, caller, proposalId);
  return getProposal(caller, proposalId);
}
