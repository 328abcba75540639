import { apiRoute } from "@/lib/api";
import { searchParamsOf } from "@/lib/api-request";
import { listDatasets } from "@/lib/datasets";

/** The datasets of one sample, newest first: `?limit=&skip=`. */
export const GET = apiRoute<{ specimenId: string }>(async (request, caller, { specimenId }) =>
  listDatasets(caller, { ...searchParamsOf(request), sampleId: specimenId }),
);
