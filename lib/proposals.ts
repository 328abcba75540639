import "server-only";
import { type Caller, readableProposals } from "./authz";
import { db } from "./db";
import { NotFoundError } from "./errors";

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
      measurementPeriods: { orderBy: { start: "asc" }, include: { instrument: { select: { name: true } } } },
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
        orderBy: { creationTime: "desc" },
        select: {
          pid: true,
          datasetName: true,
          creationTime: true,
          size: true,
          numberOfFiles: true,
          sourceFolder: true,
          sample: { select: { specimenId: true } },
        },
      },
    },
  });
  if (!proposal) throw new NotFoundError(`Proposal ${proposalId}`);
  return proposal;
}

export type ProposalDetail = Awaited<ReturnType<typeof getProposal>>;
