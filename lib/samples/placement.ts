import "server-only";
import { ConflictError, ValidationError } from "@/lib/shared/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { capacity, parsePosition, positionLabel } from "@/lib/shared/tray-positions";

/**
 * Where a sample goes: the tray (by its human ID, within the same proposal) and the position.
 * Without a position the first free one is taken. A taken position is refused with the name of
 * the sample that holds it (the unique index on tray + position stays the last line of defence).
 */
export async function resolvePlacement(
  tx: Prisma.TransactionClient,
  proposalDbId: string,
  trayId: string | undefined,
  positionText: string | undefined,
  movingSampleDbId?: string,
): Promise<{ trayDbId: string | null; position: number | null; trayLabel: string | null }> {
  if (!trayId) return { trayDbId: null, position: null, trayLabel: null };
  const tray = await tx.tray.findFirst({ where: { trayId, proposalId: proposalDbId } });
  if (!tray) {
    throw new ValidationError("The sample could not be saved", { trayId: [`This proposal has no tray ${trayId}`] });
  }
  // Placements into one tray take turns (row lock until commit), so "first free position" chosen by
  // several people at once gives each their own position instead of a conflict.
  await tx.$queryRaw`SELECT 1 FROM "Tray" WHERE id = ${tray.id} FOR UPDATE`;

  const occupants = await tx.sample.findMany({
    where: { trayId: tray.id, position: { not: null }, ...(movingSampleDbId ? { NOT: { id: movingSampleDbId } } : {}) },
    select: { position: true, specimenId: true, specimenName: true },
  });
  const taken = new Map(occupants.map((occupant) => [occupant.position!, occupant]));

  let position: number;
  if (positionText) {
    const parsed = parsePosition(tray, positionText);
    if ("error" in parsed) throw new ValidationError("The sample could not be saved", { position: [parsed.error] });
    position = parsed.position;
    const holder = taken.get(position);
    if (holder) {
      const message = `Position ${positionLabel(tray, position)} of tray ${trayId} is already taken by ${holder.specimenId} (${holder.specimenName}); choose a free position.`;
      throw new ConflictError(message, { position: [message] });
    }
  } else {
    const free = Array.from({ length: capacity(tray) }, (_, i) => i + 1).find((candidate) => !taken.has(candidate));
    if (free === undefined) {
      const message = `Tray ${trayId} is full (${capacity(tray)} positions); choose another tray.`;
      throw new ConflictError(message, { trayId: [message] });
    }
    position = free;
  }
  return { trayDbId: tray.id, position, trayLabel: `${trayId} ${positionLabel(tray, position)}` };
}
