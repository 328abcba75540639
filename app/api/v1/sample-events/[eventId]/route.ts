import { apiRoute } from "@/lib/http/api-route";
import { undoScanEvents } from "@/lib/scan/scan-events";

/** Undoes a tracking event (the newest of its sample) and restores the sample's previous status. */
export const DELETE = apiRoute<{ eventId: string }>(async (_request, caller, { eventId }) => ({
  undone: await undoScanEvents(caller, [eventId]),
}));
