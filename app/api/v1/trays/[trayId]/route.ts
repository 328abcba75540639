import { apiRoute } from "@/lib/api";
import { toApiTray } from "@/lib/api-json";
import { getTray } from "@/lib/trays";

/** A tray with its samples by position. */
export const GET = apiRoute<{ trayId: string }>(async (_request, caller, { trayId }) =>
  toApiTray(await getTray(caller, trayId)),
);
