import { apiRoute } from "@/lib/http/api-route";
import { jsonBody, pidFromRequest } from "@/lib/http/request";
import { getDataset } from "@/lib/datasets/queries";
import { updateDataset } from "@/lib/datasets/update-dataset";
import type { DatasetUpdateInput } from "@/lib/schemas/dataset";

/** One dataset; a pid with "/" is sent URL-encoded (`demo%2F2026-0042%2Fscan_0001`). */
export const GET = apiRoute<{ pid: string }>(async (request, caller, { pid }) =>
  getDataset(caller, pidFromRequest(request, pid)),
);

/** Changes the fields sent; scientificMetadata is merged one level deep. */
export const PATCH = apiRoute<{ pid: string }>(async (request, caller, { pid }) =>
  updateDataset(caller, pidFromRequest(request, pid), (await jsonBody(request)) as DatasetUpdateInput),
);
