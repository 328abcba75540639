import { apiRoute } from "@/lib/http/api-route";
import { jsonBody } from "@/lib/http/request";
import { recordScanEvent } from "@/lib/scan/scan-events";
import type { SampleEventInput } from "@/lib/schemas/sample-event";

/** Records a tracking event: `{ code, kind, location? }`, as a batch scan on /scan does. */
export const POST = apiRoute(
  // The domain validates the body with the sample event schema.
  async (request, caller) => recordScanEvent(caller, (await jsonBody(request)) as SampleEventInput),
  201,
);
