import "server-only";
import { randomUUID } from "node:crypto";
import { type Caller, callerName } from "@/lib/auth/caller";
import type { AuditAction, Prisma } from "@/lib/generated/prisma/client";

type Transaction = Prisma.TransactionClient;

/** JSON for the audit log: dates as ISO strings, bigints as numbers, undefined dropped. */
function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify(value ?? {}, (_key, item: unknown) => (typeof item === "bigint" ? Number(item) : item)),
  ) as Prisma.InputJsonValue;
}

/**
 * One audit row per create, update or delete, written in the same transaction as the change.
 * `changes`: for CREATE the new values, for DELETE the old ones, for UPDATE { field: [before, after] }.
 */
export async function audit(
  tx: Transaction,
  caller: Caller,
  action: AuditAction,
  entity: string,
  entityId: string,
  changes: Record<string, unknown>,
  proposalId?: string,
): Promise<void> {
  await tx.auditLog.create({ data: auditRow(caller, action, entity, entityId, changes, proposalId) });
}

/** One audit row's data, for writing many at once (bulk import). */
export function auditRow(
  caller: Caller,
  action: AuditAction,
  entity: string,
  entityId: string,
  changes: Record<string, unknown>,
  proposalId?: string,
) {
  return {
    actorId: caller.kind === "user" ? caller.id : null,
    actorName: callerName(caller),
    action,
    entity,
    entityId,
    proposalId: proposalId ?? null,
    changes: toJson(changes),
  };
}

/** Many audit rows in one INSERT of column arrays (bulk import: one statement instead of one per sample). */
export async function insertAuditRows(
  tx: Prisma.TransactionClient,
  rows: ReturnType<typeof auditRow>[],
): Promise<void> {
  const column = <T>(pick: (row: ReturnType<typeof auditRow>) => T) => rows.map(pick);
  await tx.$executeRaw`
    INSERT INTO "AuditLog" (id, "actorId", "actorName", action, entity, "entityId", "proposalId", changes, "createdAt")
    SELECT t.id, t."actorId", t."actorName", t.action::"AuditAction", t.entity, t."entityId", t."proposalId", t.changes::jsonb, now()
    FROM unnest(
      ${column(() => randomUUID())}::text[], ${column((r) => r.actorId)}::text[], ${column((r) => r.actorName)}::text[],
      ${column((r) => r.action)}::text[], ${column((r) => r.entity)}::text[], ${column((r) => r.entityId)}::text[],
      ${column((r) => r.proposalId)}::text[], ${column((r) => JSON.stringify(r.changes))}::text[]
    ) AS t(id, "actorId", "actorName", action, entity, "entityId", "proposalId", changes)`;
}

/** The fields that differ between two versions of a record, as { field: [before, after] }. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(toJson({ v: before[key] })) !== JSON.stringify(toJson({ v: after[key] })))
      changes[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}
