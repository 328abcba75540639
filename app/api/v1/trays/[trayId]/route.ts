import { apiRoute } from "@/lib/http/api-route";
import { toApiTray } from "@/lib/trays/api-json";
import { getTray } from "@/lib/trays/queries";

/** A tray with its samples by position. */
export const GET = apiRoute<{ trayId: string }>(async (_request, caller, { trayId }) =>
  toApiTray(await getTray(caller, trayId)),
);
