import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { queuePublication } from "@/lib/publishing/outbox";
import { type Caller, callerName } from "@/lib/auth/caller";
import { requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { config } from "@/lib/platform/config";
import { ConflictError, ValidationError } from "@/lib/shared/errors";
import { datasetSchema, type DatasetInput } from "@/lib/schemas/dataset";
import { parseOrThrow } from "@/lib/shared/validation";
import { type ApiDataset, toApiDataset, withReferences, type StoredDataset } from "./api-json";
import { randomUUID } from "node:crypto";
import { resolveReferences } from "./references";
import { jobParametersColumn, sciCatFieldsColumn } from "./scicat-columns";

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
    ...(dataset.sciCatFields as Record<string, unknown>),
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

/** A new pid in SciCat's form, `<prefix>/<uuid>`, for a dataset registered without one. */
const assignedPid = () => `${config().scicat.pidPrefix}/${randomUUID()}`;

/**
 * Registers a dataset, idempotently on `pid`: sending the same dataset again returns the stored one
 * (`created: false`) and writes nothing; the same pid with different content is a conflict naming
 * the differing fields. Without a pid the server assigns one, as SciCat does. Staff, admins and
 * tokens with `datasets:write` register for any proposal.
 */
export async function registerDataset(
  caller: Caller,
  input: DatasetInput,
): Promise<{ dataset: ApiDataset; created: boolean }> {
  requireStaffOrScope(caller, "datasets:write", "Registering datasets");
  const values = parseOrThrow(datasetSchema, input, registerFailed);
  const sent = sentFields(input, values);
  const pid = values.pid ?? assignedPid();
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.dataset.findUnique({ where: { pid }, include: withReferences });
      if (existing) return sameOrConflict(existing, sent);
      const { sample, proposal, instrumentDbId } = await resolveReferences(tx, values, registerFailed);
      const ownerGroup = values.ownerGroup ?? proposal?.ownerGroup;
      if (!ownerGroup) {
        const message = "A dataset of no proposal needs an ownerGroup: it decides who may see the dataset";
        throw new ValidationError(registerFailed, { ownerGroup: [message] });
      }
      const owner = [proposal?.piFirstname, proposal?.piLastname].filter(Boolean).join(" ");
      const created = await tx.dataset.create({
        data: {
          pid,
          proposalId: proposal?.id ?? null,
          sampleId: sample?.id ?? null,
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
          ownerGroup,
          accessGroups: values.accessGroups ?? proposal?.accessGroups ?? [],
          contactEmail:
            values.contactEmail ??
            proposal?.piEmail ??
            proposal?.email ??
            (caller.kind === "user" ? caller.email : null) ??
            "",
          keywords: values.keywords,
          techniques: values.techniques,
          scientificMetadata: values.scientificMetadata,
          principalInvestigators: values.principalInvestigators,
          creationLocation: values.creationLocation ?? null,
          dataFormat: values.dataFormat ?? null,
          license: values.license ?? null,
          inputDatasets: values.inputDatasets ?? [],
          usedSoftware: values.usedSoftware ?? [],
          jobParameters: jobParametersColumn(values.jobParameters ?? undefined),
          jobLogData: values.jobLogData ?? null,
          sciCatFields: sciCatFieldsColumn(values),
          createdBy: callerName(caller),
          createdByUserId: caller.kind === "user" ? caller.id : null,
        },
        include: withReferences,
      });
      const dataset = toApiDataset(created);
      const { pid: _pid, createdAt: _createdAt, updatedAt: _updatedAt, ...audited } = dataset;
      await audit(tx, caller, "CREATE", "Dataset", pid, audited, proposal?.proposalId);
      await queuePublication(tx, { entity: "Dataset", pid, proposalId: proposal?.proposalId ?? null });
      return { dataset, created: true };
    });
  } catch (error) {
    // Two clients registering the same pid at once: the loser sees the winner's row.
    if (violatedUniqueConstraint(error) !== "Dataset_pid_key") throw error;
    const stored = await prisma.dataset.findUnique({ where: { pid }, include: withReferences });
    if (!stored) throw error;
    return sameOrConflict(stored, sent);
  }
}
