import "server-only";
import { ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type ProposalInput, proposalTexts, type ProposalValues } from "@/lib/schemas/proposal";
import type { ProposalDetail } from "./queries";

/** A proposal as it is written and audited: shared by creating and updating it. */
export const proposalSaveFailed = "The proposal could not be saved";

/** Membership, periods and instruments as the audit log records them. */
export function auditedProposal(p: {
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

export const auditInclude = {
  members: { select: { email: true, role: true } },
  measurementPeriods: {
    orderBy: { start: "asc" },
    select: { start: true, end: true, comment: true, instrument: { select: { pid: true } } },
  },
  instruments: { select: { instrument: { select: { pid: true } } } },
} as const;

/** The database ids of the instruments a proposal and its periods name, by pid; an unknown pid is a field error. */
export async function instrumentIdsByPid(
  tx: Prisma.TransactionClient,
  values: Pick<ProposalValues, "instrumentPids" | "measurementPeriods">,
): Promise<Map<string, string>> {
  const pids = [
    ...values.instrumentPids,
    ...values.measurementPeriods.flatMap((period) => (period.instrumentPid ? [period.instrumentPid] : [])),
  ];
  const wanted = [...new Set(pids)];
  const found = await tx.instrument.findMany({ where: { pid: { in: wanted } }, select: { id: true, pid: true } });
  const byPid = new Map(found.map((instrument) => [instrument.pid, instrument.id]));
  const unknown = wanted.filter((pid) => !byPid.has(pid));
  if (unknown.length)
    throw new ValidationError(proposalSaveFailed, { instrumentPids: [`Unknown instrument ${unknown.join(", ")}`] });
  return byPid;
}

export async function linkedMembers(tx: Prisma.TransactionClient, members: ProposalValues["members"]) {
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

export function scalarFields(values: ProposalValues) {
  return {
    title: values.title,
    ...proposalTexts(values, null),
    startTime: values.startTime ?? null,
    endTime: values.endTime ?? null,
    status: values.status,
    metadata: values.metadata,
  };
}

/** A stored proposal as the schema's input: what a partial update (the SciCat API's PATCH) starts from. */
export function proposalInputOf(stored: ProposalDetail): ProposalInput {
  return {
    proposalId: stored.proposalId,
    title: stored.title,
    ...proposalTexts(stored, undefined),
    startTime: stored.startTime ?? undefined,
    endTime: stored.endTime ?? undefined,
    status: stored.status,
    instrumentPids: stored.instruments.map((link) => link.instrument.pid),
    measurementPeriods: stored.measurementPeriods.map((period) => ({
      instrumentPid: period.instrument?.pid ?? undefined,
      start: period.start,
      end: period.end,
      comment: period.comment ?? undefined,
    })),
    members: stored.members.map((member) => ({ email: member.email, role: member.role })),
    ownerGroup: stored.ownerGroup,
    accessGroups: stored.accessGroups,
    metadata: (stored.metadata ?? {}) as ProposalInput["metadata"],
  };
}

export function periodRows(values: ProposalValues, instruments: Map<string, string>) {
  return values.measurementPeriods.map((period) => ({
    start: period.start,
    end: period.end,
    comment: period.comment ?? null,
    instrumentId: period.instrumentPid ? instruments.get(period.instrumentPid)! : null,
  }));
}
