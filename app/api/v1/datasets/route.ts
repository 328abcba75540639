import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { jsonBody, searchParamsOf } from "@/lib/http/request";
import { listDatasets } from "@/lib/datasets/queries";
import { registerDataset } from "@/lib/datasets/register-dataset";
import type { DatasetInput } from "@/lib/schemas/dataset";

/** Registers a dataset: 201 when created, 200 with the stored dataset when it was already registered. */
export const POST = apiRoute(async (request, caller) => {
  const { dataset, created } = await registerDataset(caller, (await jsonBody(request)) as DatasetInput);
  return NextResponse.json(dataset, { status: created ? 201 : 200 });
});

/** Datasets the caller may read: `?sampleId=&proposalId=&limit=&skip=`. */
export const GET = apiRoute(async (request, caller) => listDatasets(caller, searchParamsOf(request)));
