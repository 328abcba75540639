import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { readableProposals } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import type { ScanSuggestion } from "./scan-result";

/** Manual entry: samples and trays the caller may see whose ID or name contains what was typed. */
export async function suggestScanCodes(caller: Caller, query: string, take = 8): Promise<ScanSuggestion[]> {
  const readable = readableProposals(caller, "samples:read");
  const text = query.trim().slice(0, 64);
  if (text.length < 2) return [];
  const contains = { contains: text, mode: "insensitive" } as const;
  const prisma = await db();
  const [samples, trays] = await Promise.all([
    prisma.sample.findMany({
      where: { proposal: readable, OR: [{ specimenId: contains }, { specimenName: contains }] },
      orderBy: { specimenId: "asc" },
      take,
      select: { specimenId: true, specimenName: true },
    }),
    prisma.tray.findMany({
      where: { proposal: readable, OR: [{ trayId: contains }, { name: contains }] },
      orderBy: { trayId: "asc" },
      take,
      select: { trayId: true, name: true },
    }),
  ]);
  return [
    ...samples.map((s) => ({ id: s.specimenId, kind: "sample" as const, label: s.specimenName })),
    ...trays.map((t) => ({ id: t.trayId, kind: "tray" as const, label: t.name })),
  ].slice(0, take);
}
