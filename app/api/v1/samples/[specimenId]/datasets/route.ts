import { apiRoute } from "@/lib/http/api-route";
import { searchParamsOf } from "@/lib/http/request";
import { listDatasets } from "@/lib/datasets/queries";

/** The datasets of one sample, newest first: `?limit=&skip=`. */
export const GET = apiRoute<{ specimenId: string }>(async (request, caller, { specimenId }) =>
  listDatasets(caller, { ...searchParamsOf(request), sampleId: specimenId }),
);
