import "server-only";
import { type Caller, requireSignedIn } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";

/** Instruments are public facility information for anyone signed in. */
export async function listInstruments(caller: Caller) {
  requireSignedIn(caller);
  const prisma = await db();
  return prisma.instrument.findMany({ orderBy: { name: "asc" }, select: { pid: true, uniqueName: true, name: true } });
}
