import { apiRoute } from "@/lib/api";
import { recordScanEvent } from "@/lib/sample-events";
import type { SampleEventInput } from "@/lib/schemas/sample-event";

/** Records a tracking event: `{ code, kind, location? }`, as a batch scan on /scan does. */
export const POST = apiRoute(
  async (request, caller) => recordScanEvent(caller, (await request.json().catch(() => ({}))) as SampleEventInput),
  201,
);
