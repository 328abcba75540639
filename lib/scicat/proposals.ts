import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { readableProposals } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { proposalForRead } from "@/lib/proposals/access";
import { createProposal } from "@/lib/proposals/create-proposal";
import { proposalInputOf } from "@/lib/proposals/proposal-record";
import { getProposal } from "@/lib/proposals/queries";
import { updateProposal } from "@/lib/proposals/update-proposal";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalInput } from "@/lib/schemas/proposal";
import { ValidationError } from "@/lib/shared/errors";
import {
  proposalInputFromSciCat,
  sciCatProposalSchema,
  type SciCatProposal,
  toSciCatProposal,
} from "./proposal-document";
import { equalityFilter } from "./filters";

/** Proposals in and out of SciCat's format: the file import and export, and the SciCat-compatible API. */

export const proposalInclude = {
  instruments: { select: { instrument: { select: { pid: true } } } },
  measurementPeriods: { orderBy: { start: "asc" }, include: { instrument: { select: { pid: true } } } },
  _count: { select: { datasets: true } },
} as const;

/** A proposal the caller may read, with what SciCat's documents show of it. */
async function readProposal(caller: Caller, proposalId: string) {
  const prisma = await db();
  const { id } = await proposalForRead(prisma, caller, proposalId);
  return prisma.proposal.findUniqueOrThrow({ where: { id }, include: proposalInclude });
}

export async function exportSciCatProposal(caller: Caller, proposalId: string): Promise<SciCatProposal> {
  return toSciCatProposal(await readProposal(caller, proposalId));
}

export async function importSciCatProposal(caller: Caller, json: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ValidationError("The file is not JSON", { json: [error instanceof Error ? error.message : "Not JSON"] });
  }
  const parsed = sciCatProposalSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError("This is not a SciCat proposal", {
      json: parsed.error.issues.map((issue) => `${issue.path.join(".") || "document"}: ${issue.message}`),
    });
  }
  return createProposal(caller, proposalInputFromSciCat(parsed.data));
}

/**
 * A proposal as SciCat's API shows it: the exported document and what SciCat keeps beside it
 * (nothing here is published; proposals have no parent; a proposal of no type is SciCat's default).
 */
function toSciCatProposalResponse(stored: Prisma.ProposalGetPayload<{ include: typeof proposalInclude }>) {
  const document = toSciCatProposal(stored);
  return {
    ...document,
    type: document.type ?? "Default Proposal",
    isPublished: false,
    parentProposalId: null,
    numberOfDatasets: stored._count.datasets,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
  };
}

async function sciCatProposalResponse(caller: Caller, proposalId: string) {
  return toSciCatProposalResponse(await readProposal(caller, proposalId));
}

/** `POST Proposals`: the SciCat import, as from the proposal page. */
export async function createSciCatProposal(caller: Caller, document: unknown) {
  const created = await importSciCatProposal(caller, JSON.stringify(document));
  return sciCatProposalResponse(caller, created.proposalId);
}

export const getSciCatProposal = sciCatProposalResponse;

/** `GET Proposals?filter=`: the proposals the caller may read, equality on a few fields, one page. */
export async function findSciCatProposals(caller: Caller, filter: Record<string, unknown>) {
  const { where, limit, skip } = equalityFilter(filter, [
    "proposalId",
    "title",
    "ownerGroup",
    "type",
    "email",
  ] as const);
  const prisma = await db();
  const rows = await prisma.proposal.findMany({
    where: { AND: [readableProposals(caller), where] },
    orderBy: [{ createdAt: "desc" }, { proposalId: "asc" }],
    skip,
    take: limit,
    include: proposalInclude,
  });
  return rows.map(toSciCatProposalResponse);
}

/** Which native fields each SciCat field sets, for a partial update. */
const nativeFieldOf: Record<string, keyof ProposalInput> = {
  title: "title",
  abstract: "abstract",
  pi_email: "piEmail",
  pi_firstname: "piFirstname",
  pi_lastname: "piLastname",
  email: "email",
  firstname: "firstname",
  lastname: "lastname",
  startTime: "startTime",
  endTime: "endTime",
  type: "type",
  ownerGroup: "ownerGroup",
  accessGroups: "accessGroups",
  instrumentIds: "instrumentPids",
  MeasurementPeriodList: "measurementPeriods",
  metadata: "metadata",
};

/**
 * `PATCH Proposals/{proposalId}`: the SciCat fields sent replace the stored ones; what SciCat does
 * not know (members, description, status) stays. The whole proposal then goes through
 * updateProposal, with its validation and authorization.
 */
export async function updateSciCatProposal(caller: Caller, proposalId: string, document: unknown) {
  const current = await getProposal(caller, proposalId);
  const stored = proposalInputOf(current);
  const patch = (document && typeof document === "object" ? document : {}) as Record<string, unknown>;
  // The SciCat reader needs a title; one sent replaces the stored one like any other field.
  const sent = proposalInputFromSciCat({ title: current.title, ...patch, proposalId } as SciCatProposal);
  const input: Record<string, unknown> = { ...stored };
  for (const [sciCatField, nativeField] of Object.entries(nativeFieldOf)) {
    if (patch[sciCatField] !== undefined) input[nativeField] = sent[nativeField];
  }
  if (typeof patch.proposalId === "string") input.proposalId = patch.proposalId;
  const updated = await updateProposal(caller, proposalId, input as ProposalInput);
  return sciCatProposalResponse(caller, updated.proposalId);
}
