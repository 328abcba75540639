import { apiRoute } from "@/lib/api";
import { toApiSample } from "@/lib/api-json";
import { getSample } from "@/lib/samples";

/** A sample with its proposal, tray position, datasets and recent events. */
export const GET = apiRoute<{ specimenId: string }>(async (_request, caller, { specimenId }) =>
  toApiSample(await getSample(caller, specimenId)),
);
