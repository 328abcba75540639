import { apiRoute } from "@/lib/http/api-route";
import { toApiSample } from "@/lib/samples/api-json";
import { getSample } from "@/lib/samples/queries";

/** A sample with its proposal, tray position, datasets and recent events. */
export const GET = apiRoute<{ specimenId: string }>(async (_request, caller, { specimenId }) =>
  toApiSample(await getSample(caller, specimenId)),
);
