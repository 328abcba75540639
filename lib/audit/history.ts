import "server-only";
import { type Caller } from "@/lib/auth/caller";
import type { AuditLog } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";
import { proposalForRead } from "@/lib/proposals/access";

/** The audit trail as pages show it, for callers who may read the proposal it belongs to. */

const recordActions = ["CREATE", "UPDATE", "DELETE"] as const;
type RecordChange = AuditLog & { action: (typeof recordActions)[number] };

/** Histories show changes to records; sign-ins are audited too, but belong to no proposal. */
const isRecordChange = (row: AuditLog): row is RecordChange =>
  (recordActions as readonly string[]).includes(row.action);

/** The audit trail of a proposal and everything in it, newest first. */
export async function proposalHistory(caller: Caller, proposalId: string, take = 100): Promise<RecordChange[]> {
  const prisma = await db();
  await proposalForRead(prisma, caller, proposalId);
  const rows = await prisma.auditLog.findMany({
    where: { proposalId, action: { in: [...recordActions] } },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.filter(isRecordChange);
}

/** The audit trail of one record (a sample, a tray) the caller may see. */
export async function recordHistory(
  caller: Caller,
  proposalId: string,
  entity: string,
  entityId: string,
  take = 50,
): Promise<RecordChange[]> {
  const prisma = await db();
  await proposalForRead(prisma, caller, proposalId);
  const rows = await prisma.auditLog.findMany({
    where: { proposalId, entity, entityId, action: { in: [...recordActions] } },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.filter(isRecordChange);
}
