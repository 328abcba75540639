import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { requireTokenScopes } from "@/lib/auth/permissions";
import { bytesToJson } from "@/lib/datasets/api-json";
import { readableDatasets, searchDatasets } from "@/lib/datasets/queries";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ValidationError } from "@/lib/shared/errors";
import { db } from "@/lib/platform/db";
import { getProposal } from "@/lib/proposals/queries";
import type { Scope } from "@/lib/schemas/api-token";

/** An export holds the proposal, its samples and its datasets: a token needs the read scope of each. */
const elnExportScopes: readonly Scope[] = ["proposals:read", "samples:read", "datasets:read"];

/** One entry of a datablock's dataFileList, as SciCat clients send it (the file itself stays at the beamline). */
type BeamlineFile = { path: string; size: number | string; time: string | null; chk: string | null };

export type OrigDatablockFiles = {
  id: string;
  size: bigint;
  chkAlg: string | null;
  createdAt: Date;
  /** As stored (with uid, gid, perm when sent), for the dataset's JSON file. */
  dataFileList: Prisma.JsonValue[];
  files: BeamlineFile[];
};

function beamlineFile(entry: Prisma.JsonValue): BeamlineFile | null {
  if (!entry || typeof entry !== "object" || Array.isArray(entry) || typeof entry.path !== "string") return null;
  const size = typeof entry.size === "number" || typeof entry.size === "string" ? entry.size : 0;
  return {
    path: entry.path,
    size,
    time: typeof entry.time === "string" ? entry.time : null,
    chk: typeof entry.chk === "string" ? entry.chk : null,
  };
}

/**
 * The crate is built in memory, a File entity per beamline file: a proposal whose datasets list
 * more files than this is refused with a clear message instead of exhausting the server.
 */
export const maxExportedFiles = 100_000;

async function requireExportableSize(prisma: PrismaClient, proposalId: string): Promise<void> {
  const [{ files }] = await prisma.$queryRaw<{ files: bigint }[]>`
    SELECT COALESCE(sum(jsonb_array_length(b."dataFileList")), 0)::bigint AS files
    FROM "OrigDatablock" b JOIN "Dataset" d ON d.id = b."datasetId" JOIN "Proposal" p ON p.id = d."proposalId"
    WHERE p."proposalId" = ${proposalId}`;
  if (files > BigInt(maxExportedFiles))
    throw new ValidationError(`Proposal ${proposalId} is too large for one .eln file`, {
      proposalId: [
        `Its datasets list ${files} files; an .eln export lists at most ${maxExportedFiles}. ` +
          "Export its datasets through the API (GET /api/v1/datasets?proposalId=…) instead.",
      ],
    });
}

/**
 * Everything an .eln export of a proposal holds, read as the caller may read it: the proposal with
 * its trays and samples (getProposal: "not found" for those who may not see it), its datasets with
 * their datablocks, and the attachments of all of them.
 */
export async function readProposalForExport(caller: Caller, proposalId: string) {
  requireTokenScopes(caller, elnExportScopes, "Exporting a proposal as .eln");
  const proposal = await getProposal(caller, proposalId);
  const inProposal = { proposal: { is: { proposalId: proposal.proposalId } } };
  const readableInProposal: Prisma.DatasetWhereInput = { AND: [readableDatasets(caller), inProposal] };
  const prisma = await db();
  await requireExportableSize(prisma, proposal.proposalId);
  const [datasets, blocks, attachments] = await Promise.all([
    searchDatasets(caller, inProposal, { orderBy: [{ pid: "asc" }], skip: 0, take: proposal.datasets.length }),
    prisma.origDatablock.findMany({
      where: { dataset: readableInProposal },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        size: true,
        chkAlg: true,
        dataFileList: true,
        createdAt: true,
        dataset: { select: { pid: true } },
      },
    }),
    prisma.attachment.findMany({
      where: {
        OR: [
          { proposal: { is: { proposalId: proposal.proposalId } } },
          { sample: { is: { proposal: { proposalId: proposal.proposalId } } } },
          { dataset: { is: readableInProposal } },
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        caption: true,
        thumbnail: true,
        createdAt: true,
        updatedAt: true,
        proposalId: true,
        sample: { select: { specimenId: true } },
        dataset: { select: { pid: true } },
      },
    }),
  ]);
  const datablocks = new Map<string, OrigDatablockFiles[]>();
  for (const block of blocks) {
    const { dataset, dataFileList: stored, ...fields } = block;
    const dataFileList = Array.isArray(stored) ? stored : [];
    const files = dataFileList.map(beamlineFile).filter((file) => file !== null);
    const list = datablocks.get(dataset.pid) ?? [];
    list.push({ ...fields, dataFileList, files });
    datablocks.set(dataset.pid, list);
  }
  return { proposal, datasets, datablocks, attachments };
}

export type ProposalExport = Awaited<ReturnType<typeof readProposalForExport>>;
export type ExportedAttachment = ProposalExport["attachments"][number];

/** A datablock as the dataset's JSON file lists it: SciCat's OrigDatablock fields. */
export const datablockJson = (block: OrigDatablockFiles) => ({
  id: block.id,
  chkAlg: block.chkAlg,
  size: bytesToJson(block.size),
  dataFileList: block.dataFileList,
  createdAt: block.createdAt.toISOString(),
});
