import "server-only";
import { audit } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/platform/db";
import { generateId, createWithUniqueId } from "@/lib/platform/unique-human-ids";
import { proposalForChange } from "@/lib/proposals/access";
import { traySchema, type TrayInput } from "@/lib/schemas/tray";
import { parseOrThrow } from "@/lib/shared/validation";
import { saveFailed } from "./tray-record";

export async function createTray(
  caller: Caller,
  proposalId: string,
  input: TrayInput,
  generate = () => generateId("tray"),
) {
  const values = parseOrThrow(traySchema, input, saveFailed);
  const prisma = await db();
  return createWithUniqueId({
    given: values.trayId,
    generate,
    constraint: "Tray_trayId_key",
    field: "trayId",
    what: "Tray ID",
    create: (trayId) =>
      prisma.$transaction(async (tx) => {
        const proposal = await proposalForChange(tx, caller, proposalId, "samples:write");
        const tray = await tx.tray.create({
          data: {
            trayId,
            proposalId: proposal.id,
            name: values.name,
            rows: values.rows,
            columns: values.columns,
            metadata: values.metadata,
          },
        });
        await audit(
          tx,
          caller,
          "CREATE",
          "Tray",
          trayId,
          { name: tray.name, rows: tray.rows, columns: tray.columns, metadata: tray.metadata },
          proposal.proposalId,
        );
        return tray;
      }),
  });
}
