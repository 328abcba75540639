import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { proposalForRead } from "@/lib/proposals/access";

/** The audit trail as pages show it, for callers who may read the proposal it belongs to. */

/** The audit trail of a proposal and everything in it, newest first. */
export async function proposalHistory(caller: Caller, proposalId: string, take = 100) {
  const prisma = await db();
  await proposalForRead(prisma, caller, proposalId);
  return prisma.auditLog.findMany({ where: { proposalId }, orderBy: { createdAt: "desc" }, take });
}

/** The audit trail of one record (a sample, a tray) the caller may see. */
export async function recordHistory(caller: Caller, proposalId: string, entity: string, entityId: string, take = 50) {
  const prisma = await db();
  await proposalForRead(prisma, caller, proposalId);
  return prisma.auditLog.findMany({ where: { proposalId, entity, entityId }, orderBy: { createdAt: "desc" }, take });
}
