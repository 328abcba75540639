import "server-only";
import { type Caller, callerName } from "./authz";
import type { AuditAction, Prisma } from "./generated/prisma/client";

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
  await tx.auditLog.create({
    data: {
      actorId: caller.kind === "user" ? caller.id : null,
      actorName: callerName(caller),
      action,
      entity,
      entityId,
      proposalId: proposalId ?? null,
      changes: toJson(changes),
    },
  });
}
