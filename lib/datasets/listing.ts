import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isoOrNull } from "@/lib/shared/format";
import { bytesToJson } from "./api-json";

/** A dataset as the proposal and sample pages list it, newest first (their API answers too). */
export const datasetListing = {
  orderBy: { creationTime: "desc" },
  select: { pid: true, datasetName: true, creationTime: true, size: true, numberOfFiles: true, sourceFolder: true },
} as const satisfies Prisma.DatasetFindManyArgs;

type ListedDataset = Prisma.DatasetGetPayload<typeof datasetListing>;

export function toApiDatasetListing(dataset: ListedDataset) {
  return {
    pid: dataset.pid,
    datasetName: dataset.datasetName,
    creationTime: isoOrNull(dataset.creationTime),
    size: bytesToJson(dataset.size),
    numberOfFiles: dataset.numberOfFiles,
    sourceFolder: dataset.sourceFolder,
  };
}
