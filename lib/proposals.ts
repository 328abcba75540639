import "server-only";
import { db } from "./db";

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

/** Proposals for the dashboard and the list, soonest beamtime first. */
export async function listProposals() {
  const prisma = await db();
  return prisma.proposal.findMany({
    orderBy: [{ startTime: { sort: "asc", nulls: "last" } }, { proposalId: "asc" }],
    select: summary,
  });
}

/** Beamtimes that have not ended yet, soonest first. */
export async function listUpcomingBeamtimes(now: Date = new Date()) {
  const prisma = await db();
  return prisma.proposal.findMany({
    where: { endTime: { gte: now }, status: { not: "CANCELLED" } },
    orderBy: [{ startTime: "asc" }, { proposalId: "asc" }],
    select: summary,
  });
}

export type ProposalSummary = Awaited<ReturnType<typeof listProposals>>[number];

/** One proposal with everything its page shows; null when there is no such proposal. */
export async function getProposal(proposalId: string) {
  const prisma = await db();
  return prisma.proposal.findUnique({
    where: { proposalId },
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
}

export type ProposalDetail = NonNullable<Awaited<ReturnType<typeof getProposal>>>;
