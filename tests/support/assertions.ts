import { expect } from "vitest";
import type { Database } from "@/lib/platform/db";

/** Row counts of every table a rejected request could have written to. */
export function tableCounts(database: Database) {
  const { prisma } = database;
  return Promise.all([
    prisma.proposal.count(),
    prisma.tray.count(),
    prisma.sample.count(),
    prisma.dataset.count(),
    prisma.sampleEvent.count(),
    prisma.auditLog.count(),
  ]);
}

/** Runs `work`, expects it to fail with `type`, and proves nothing was written. */
export async function rejectsWithoutWriting<T>(
  database: Database,
  work: () => Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const before = await tableCounts(database);
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  expect(await tableCounts(database)).toEqual(before);
  return error as T;
}
