import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DatasetUpdateValues, sciCatOnlyDatasetFields, type SciCatOnlyDatasetField } from "@/lib/schemas/dataset";

const sciCatOnlyKeys = Object.keys(sciCatOnlyDatasetFields) as SciCatOnlyDatasetField[];

/**
 * The SciCat-only fields of a create or change, merged into what is stored: a field sent replaces
 * the stored one, `null` removes it, fields not sent stay.
 */
export function sciCatFieldsColumn(values: DatasetUpdateValues, stored: Prisma.JsonValue = {}): Prisma.InputJsonObject {
  const merged: Record<string, Prisma.InputJsonValue> =
    stored && typeof stored === "object" && !Array.isArray(stored)
      ? { ...(stored as Record<string, Prisma.InputJsonValue>) }
      : {};
  for (const key of sciCatOnlyKeys) {
    const value = values[key];
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value as Prisma.InputJsonValue;
  }
  return merged;
}

/** `jobParameters` for Prisma: a JSON object, or SQL NULL to clear it. */
export const jobParametersColumn = (value: Record<string, unknown> | null | undefined) =>
  value === undefined ? undefined : value === null ? Prisma.DbNull : (value as Prisma.InputJsonObject);

/** Keys of a change that the columns of the Dataset table do not hold one to one. */
export const notColumns = new Set<string>([
  ...sciCatOnlyKeys,
  "sampleId",
  "proposalId",
  "instrumentId",
  "jobParameters",
]);
