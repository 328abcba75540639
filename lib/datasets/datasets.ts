import "server-only";
import { audit, changedFields } from "@/lib/audit/audit-log";
import { type Caller, callerName, readableProposals, requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, type FieldErrors, NotFoundError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  datasetListQuerySchema,
  datasetSchema,
  datasetUpdateSchema,
  origDatablockSchema,
  type DatasetInput,
  type DatasetListQuery,
  type DatasetUpdateInput,
  type OrigDatablockInput,
} from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";

type Transaction = Prisma.TransactionClient;

/** A dataset as the proposal and sample pages list it, newest first. */
export const datasetListing = {
  orderBy: { creationTime: "desc" },
  select: { pid: true, datasetName: true, creationTime: true, size: true, numberOfFiles: true, sourceFolder: true },
} as const satisfies Prisma.DatasetFindManyArgs;

const withReferences = {
  sample: { select: { specimenId: true } },
  proposal: { select: { proposalId: true } },
  instrument: { select: { pid: true } },
} as const;

type StoredDataset = Prisma.DatasetGetPayload<{ include: typeof withReferences }>;

/** JSON numbers are exact up to 2^53 (9 PB); a larger byte count is given as a string of digits. */
export const bytesToJson = (bytes: bigint) =>
  bytes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bytes) : bytes.toString();

/** A dataset as the API shows it: SciCat names, human IDs for the references, ISO dates. */
export function toApiDataset(dataset: StoredDataset) {
  return {
    pid: dataset.pid,
    datasetName: dataset.datasetName,
    description: dataset.description,
    type: dataset.type,
    sourceFolder: dataset.sourceFolder,
    sourceFolderHost: dataset.sourceFolderHost,
    size: bytesToJson(dataset.size),
    numberOfFiles: dataset.numberOfFiles,
    creationTime: dataset.creationTime.toISOString(),
    startTime: dataset.startTime?.toISOString() ?? null,
    endTime: dataset.endTime?.toISOString() ?? null,
    owner: dataset.owner,
    ownerGroup: dataset.ownerGroup,
    accessGroups: dataset.accessGroups,
    contactEmail: dataset.contactEmail,
    keywords: dataset.keywords,
    techniques: dataset.techniques,
    scientificMetadata: dataset.scientificMetadata,
    sampleId: dataset.sample?.specimenId ?? null,
    proposalId: dataset.proposal?.proposalId ?? null,
    instrumentId: dataset.instrument?.pid ?? null,
    createdBy: dataset.createdBy,
    createdAt: dataset.createdAt.toISOString(),
    updatedAt: dataset.updatedAt.toISOString(),
  };
}

export type ApiDataset = ReturnType<typeof toApiDataset>;

/** A value in one comparable form: dates, bigints and key order do not make two values differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, function (this: unknown, _key, item: unknown) {
    if (typeof item === "bigint") return item.toString();
    if (item instanceof Date) return item.toISOString();
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return item;
  });
}

/** The stored dataset with references as human IDs, field by field as the schema names them. */
function storedFields(dataset: StoredDataset): Record<string, unknown> {
  return {
    ...dataset,
    sampleId: dataset.sample?.specimenId ?? null,
    proposalId: dataset.proposal?.proposalId ?? null,
    instrumentId: dataset.instrument?.pid ?? null,
  };
}

/**
 * The idempotency rule of registration: a repeated POST is the same dataset when every field it
 * sends equals the stored value. Fields it leaves out are not compared, so a resend without
 * `creationTime` (which defaults to "now") is still the same dataset.
 */
function differingFields(stored: StoredDataset, sent: Record<string, unknown>): string[] {
  const current = storedFields(stored);
  return Object.entries(sent)
    .filter(([key, value]) => value !== undefined && canonical(value) !== canonical(current[key]))
    .map(([key]) => key);
}

function sameOrConflict(stored: StoredDataset, sent: Record<string, unknown>) {
  const differing = differingFields(stored, sent);
  if (differing.length === 0) return { dataset: toApiDataset(stored), created: false as const };
  const message = `A different dataset with the pid ${stored.pid} is already registered; it differs in ${differing.join(", ")}. Update it with PATCH, or choose a new pid.`;
  throw new ConflictError(
    message,
    Object.fromEntries(differing.map((field) => [field, ["Differs from the registered dataset"]])),
  );
}

/** What the references of a dataset name, looked up; unknown ones are field errors (422). */
async function resolveReferences(
  tx: Transaction,
  refs: { sampleId: string; proposalId?: string; instrumentId?: string | null },
  failed: string,
) {
  const errors: FieldErrors = {};
  const sample = await tx.sample.findUnique({
    where: { specimenId: refs.sampleId },
    select: {
      id: true,
      specimenId: true,
      proposal: {
        select: {
          id: true,
          proposalId: true,
          ownerGroup: true,
          accessGroups: true,
          piFirstname: true,
          piLastname: true,
          piEmail: true,
          email: true,
        },
      },
    },
  });
  if (!sample) errors.sampleId = [`No sample has the ID ${refs.sampleId}`];
  if (refs.proposalId !== undefined) {
    if (!(await tx.proposal.count({ where: { proposalId: refs.proposalId } })))
      errors.proposalId = [`No proposal has the ID ${refs.proposalId}`];
    else if (sample && sample.proposal.proposalId !== refs.proposalId)
      errors.proposalId = [
        `Sample ${sample.specimenId} belongs to proposal ${sample.proposal.proposalId}, not ${refs.proposalId}`,
      ];
  }
  let instrumentDbId: string | null = null;
  if (refs.instrumentId) {
    const instrument = await tx.instrument.findUnique({ where: { pid: refs.instrumentId }, select: { id: true } });
    if (instrument) instrumentDbId = instrument.id;
    else errors.instrumentId = [`No instrument has the pid ${refs.instrumentId}`];
  }
  if (!sample || Object.keys(errors).length) throw new ValidationError(failed, errors);
  return { sample, proposal: sample.proposal, instrumentDbId };
}

const registerFailed = "The dataset was not registered";

/** The fields a client sent (keys with a value), for the idempotency comparison. */
function sentFields(input: unknown, parsed: Record<string, unknown>): Record<string, unknown> {
  const raw = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.keys(parsed)
      .filter((key) => raw[key] !== undefined)
      .map((key) => [key, parsed[key]]),
  );
}

/**
 * Registers a dataset, idempotently on `pid`: sending the same dataset again returns the stored one
 * (`created: false`) and writes nothing; the same pid with different content is a conflict naming
 * the differing fields. Staff, admins and tokens with `datasets:write` register for any proposal.
 */
export async function registerDataset(
  caller: Caller,
  input: DatasetInput,
): Promise<{ dataset: ApiDataset; created: boolean }> {
  requireStaffOrScope(caller, "datasets:write", "Registering datasets");
  const values = parseOrThrow(datasetSchema, input, registerFailed);
  const sent = sentFields(input, values);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.dataset.findUnique({ where: { pid: values.pid }, include: withReferences });
      if (existing) return sameOrConflict(existing, sent);
      const { sample, proposal, instrumentDbId } = await resolveReferences(tx, values, registerFailed);
      const owner = [proposal.piFirstname, proposal.piLastname].filter(Boolean).join(" ");
      const created = await tx.dataset.create({
        data: {
          pid: values.pid,
          proposalId: proposal.id,
          sampleId: sample.id,
          // Left out: the instrument the token acts for, if it has one.
          instrumentId:
            values.instrumentId === undefined && caller.kind === "token" ? caller.instrumentId : instrumentDbId,
          datasetName: values.datasetName,
          description: values.description ?? null,
          type: values.type,
          sourceFolder: values.sourceFolder,
          sourceFolderHost: values.sourceFolderHost ?? null,
          size: values.size,
          numberOfFiles: values.numberOfFiles,
          creationTime: values.creationTime ?? new Date(),
          startTime: values.startTime ?? null,
          endTime: values.endTime ?? null,
          owner: values.owner ?? (owner || callerName(caller)),
          ownerGroup: values.ownerGroup ?? proposal.ownerGroup,
          accessGroups: values.accessGroups ?? proposal.accessGroups,
          contactEmail:
            values.contactEmail ??
            proposal.piEmail ??
            proposal.email ??
            (caller.kind === "user" ? caller.email : null) ??
            "",
          keywords: values.keywords,
          techniques: values.techniques,
          scientificMetadata: values.scientificMetadata,
          createdBy: callerName(caller),
          createdByUserId: caller.kind === "user" ? caller.id : null,
        },
        include: withReferences,
      });
      const dataset = toApiDataset(created);
      const { pid: _pid, createdAt: _createdAt, updatedAt: _updatedAt, ...audited } = dataset;
      await audit(tx, caller, "CREATE", "Dataset", values.pid, audited, proposal.proposalId);
      return { dataset, created: true };
    });
  } catch (error) {
    // Two clients registering the same pid at once: the loser sees the winner's row.
    if (violatedUniqueConstraint(error) !== "Dataset_pid_key") throw error;
    const stored = await prisma.dataset.findUnique({ where: { pid: values.pid }, include: withReferences });
    if (!stored) throw error;
    return sameOrConflict(stored, sent);
  }
}

/** A dataset's fields as the audit log records an update. */
function auditedFields(dataset: StoredDataset) {
  const { pid: _pid, createdAt: _createdAt, updatedAt: _updatedAt, createdBy: _by, ...fields } = toApiDataset(dataset);
  return fields;
}

const updateFailed = "The dataset was not updated";

/**
 * Changes a registered dataset (e.g. Concert at the end of an acquisition: size, numberOfFiles,
 * endTime). Fields left out stay; `scientificMetadata` is merged one level deep (see the schema).
 */
export async function updateDataset(caller: Caller, pid: string, patch: DatasetUpdateInput): Promise<ApiDataset> {
  requireStaffOrScope(caller, "datasets:write", "Updating datasets");
  const raw = patch && typeof patch === "object" ? (patch as Record<string, unknown>) : {};
  if (raw.pid !== undefined && raw.pid !== pid) {
    const message = "A dataset's pid cannot change: it is how files and catalogues refer to it";
    throw new ValidationError(updateFailed, { pid: [message] });
  }
  const values = parseOrThrow(datasetUpdateSchema, patch, updateFailed);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const stored = await tx.dataset.findUnique({ where: { pid }, include: withReferences });
    if (!stored) throw new NotFoundError(`Dataset ${pid}`);
    const data: Prisma.DatasetUncheckedUpdateInput = {};
    if (values.sampleId !== undefined || values.proposalId !== undefined || values.instrumentId !== undefined) {
      const sampleId = values.sampleId ?? stored.sample?.specimenId;
      if (!sampleId) throw new ValidationError(updateFailed, { sampleId: ["Give the dataset's sampleId"] });
      const refs = await resolveReferences(
        tx,
        { sampleId, proposalId: values.proposalId, instrumentId: values.instrumentId },
        updateFailed,
      );
      data.sampleId = refs.sample.id;
      data.proposalId = refs.proposal.id;
      if (values.instrumentId !== undefined) data.instrumentId = refs.instrumentDbId;
    }
    const { sampleId: _s, proposalId: _p, instrumentId: _i, scientificMetadata, ...fields } = values;
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (data as Record<string, unknown>)[key] = value;
    }
    if (scientificMetadata) {
      const merged: Record<string, unknown> = { ...(stored.scientificMetadata as Record<string, unknown>) };
      for (const [key, value] of Object.entries(scientificMetadata)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      data.scientificMetadata = merged as Prisma.InputJsonObject;
    }
    const updated = await tx.dataset.update({ where: { id: stored.id }, data, include: withReferences });
    const changes = changedFields(auditedFields(stored), auditedFields(updated));
    if (Object.keys(changes).length)
      await audit(tx, caller, "UPDATE", "Dataset", pid, changes, updated.proposal?.proposalId);
    return toApiDataset(updated);
  });
}

/** Datasets the caller may read: by proposal, as for everything else; tokens need `datasets:read`. */
function readableDatasets(caller: Caller): Prisma.DatasetWhereInput {
  const proposals = readableProposals(caller, "datasets:read");
  return Object.keys(proposals).length ? { proposal: { is: proposals } } : {};
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

/**
 * Adds a SciCat OrigDatablock (the list of raw files) to a dataset. A dataset registered before its
 * files were counted (size or numberOfFiles 0) takes them from the datablock.
 */
export async function addOrigDatablock(caller: Caller, pid: string, input: OrigDatablockInput) {
  requireStaffOrScope(caller, "datasets:write", "Adding files to datasets");
  const values = parseOrThrow(origDatablockSchema, input, "The files were not added");
  const size = values.size ?? values.dataFileList.reduce((sum, file) => sum + file.size, 0n);
  const dataFileList = values.dataFileList.map((file) => ({
    path: file.path,
    size: bytesToJson(file.size),
    ...(file.time ? { time: file.time.toISOString() } : {}),
    ...(file.chk ? { chk: file.chk } : {}),
  }));
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const dataset = await tx.dataset.findUnique({ where: { pid }, include: withReferences });
    if (!dataset) throw new NotFoundError(`Dataset ${pid}`);
    const block = await tx.origDatablock.create({
      data: { datasetId: dataset.id, size, chkAlg: values.chkAlg ?? null, dataFileList },
    });
    const counts: Prisma.DatasetUpdateInput = {};
    if (dataset.size === 0n) counts.size = size;
    if (dataset.numberOfFiles === 0) counts.numberOfFiles = dataFileList.length;
    const proposalId = dataset.proposal?.proposalId;
    await audit(
      tx,
      caller,
      "CREATE",
      "OrigDatablock",
      block.id,
      { datasetPid: pid, size, numberOfFiles: dataFileList.length, chkAlg: block.chkAlg },
      proposalId,
    );
    if (Object.keys(counts).length) {
      const updated = await tx.dataset.update({ where: { id: dataset.id }, data: counts, include: withReferences });
      await audit(
        tx,
        caller,
        "UPDATE",
        "Dataset",
        pid,
        changedFields(auditedFields(dataset), auditedFields(updated)),
        proposalId,
      );
    }
    return {
      id: block.id,
      datasetId: pid,
      size: bytesToJson(block.size),
      chkAlg: block.chkAlg,
      dataFileList,
      createdAt: block.createdAt.toISOString(),
    };
  });
}
