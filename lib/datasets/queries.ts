import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { readableProposals } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { datasetListQuerySchema, type DatasetListQuery } from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";
import { type ApiDataset, toApiDataset, withReferences } from "./api-json";
import { datasetListing } from "./listing";

/**
 * Datasets the caller may read: by proposal, as for everything else; a dataset of no proposal
 * (SciCat allows them) by its ownerGroup and accessGroups. Tokens need `datasets:read`.
 */
export function readableDatasets(caller: Caller): Prisma.DatasetWhereInput {
  const proposals = readableProposals(caller, "datasets:read");
  if (!Object.keys(proposals).length) return {};
  const groups = caller.kind === "user" ? caller.groups : [];
  return {
    OR: [
      { proposal: { is: proposals } },
      ...(groups.length
        ? [{ proposalId: null, OR: [{ ownerGroup: { in: groups } }, { accessGroups: { hasSome: groups } }] }]
        : []),
    ],
  };
}

/**
 * Datasets the caller may read that meet `where` (built by a query language such as SciCat's),
 * one page of them and, when asked, how many there are.
 */
export async function searchDatasets(
  caller: Caller,
  where: Prisma.DatasetWhereInput,
  page: { orderBy: Prisma.DatasetOrderByWithRelationInput[]; skip: number; take: number },
): Promise<ApiDataset[]> {
  const prisma = await db();
  const rows = await prisma.dataset.findMany({
    where: { AND: [readableDatasets(caller), where] },
    ...page,
    include: withReferences,
  });
  return rows.map(toApiDataset);
}

/** The datasets the caller may read that list `pid` among their inputs, newest first, as lists show them. */
export async function listDerivedDatasets(caller: Caller, pid: string) {
  const prisma = await db();
  return prisma.dataset.findMany({
    ...datasetListing,
    where: { AND: [readableDatasets(caller), { inputDatasets: { has: pid } }] },
    take: 100,
  });
}

export async function countDatasets(caller: Caller, where: Prisma.DatasetWhereInput): Promise<number> {
  const prisma = await db();
  return prisma.dataset.count({ where: { AND: [readableDatasets(caller), where] } });
}

/** One dataset, if the caller may read its proposal; otherwise the same "not found" as for none. */
export async function getDataset(caller: Caller, pid: string): Promise<ApiDataset> {
  const where = readableDatasets(caller);
  const prisma = await db();
  const dataset = await prisma.dataset.findFirst({ where: { AND: [where, { pid }] }, include: withReferences });
  if (!dataset) throw new NotFoundError(`Dataset ${pid}`);
  return toApiDataset(dataset);
}

/** A dataset with its file lists (SciCat origdatablocks), for its page. */
export async function getDatasetWithFiles(caller: Caller, pid: string) {
  const dataset = await getDataset(caller, pid);
  const prisma = await db();
  const blocks = await prisma.origDatablock.findMany({
    where: { dataset: { pid } },
    orderBy: { createdAt: "asc" },
    select: { id: true, size: true, chkAlg: true, dataFileList: true, createdAt: true },
  });
  const files = blocks.flatMap((block) =>
    (Array.isArray(block.dataFileList) ? block.dataFileList : []).map((file) => {
      const entry = (file ?? {}) as { path?: unknown; size?: unknown; time?: unknown; chk?: unknown };
      return {
        path: String(entry.path ?? ""),
        size: Number(entry.size ?? 0),
        time: typeof entry.time === "string" ? entry.time : null,
        chk: typeof entry.chk === "string" ? entry.chk : null,
      };
    }),
  );
  return { dataset, datablocks: blocks.length, files };
}

/**
 * Datasets the caller may read, newest first, optionally of one sample or proposal. A sample or
 * proposal that does not exist (or is not the caller's) is "not found" rather than an empty list.
 */
export async function listDatasets(caller: Caller, query: DatasetListQuery = {}) {
  const where = readableDatasets(caller);
  const { sampleId, proposalId, limit, skip } = parseOrThrow(datasetListQuerySchema, query, "Invalid query");
  const prisma = await db();
  const proposals = readableProposals(caller, "datasets:read");
  if (sampleId && !(await prisma.sample.count({ where: { specimenId: sampleId, proposal: proposals } })))
    throw new NotFoundError(`Sample ${sampleId}`);
  if (proposalId && !(await prisma.proposal.count({ where: { AND: [proposals, { proposalId }] } })))
    throw new NotFoundError(`Proposal ${proposalId}`);
  const filter: Prisma.DatasetWhereInput = {
    AND: [
      where,
      ...(sampleId ? [{ sample: { is: { specimenId: sampleId } } }] : []),
      ...(proposalId ? [{ proposal: { is: { proposalId } } }] : []),
    ],
  };
  const [rows, total] = await Promise.all([
    prisma.dataset.findMany({
      where: filter,
      orderBy: [{ creationTime: "desc" }, { pid: "asc" }],
      skip,
      take: limit,
      include: withReferences,
    }),
    prisma.dataset.count({ where: filter }),
  ]);
  return { datasets: rows.map(toApiDataset), total, limit, skip };
}
