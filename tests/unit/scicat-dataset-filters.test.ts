import { describe, expect, it } from "vitest";
import { datasetOrder, datasetWhere, fullqueryWhere } from "@/lib/scicat/dataset-filters";

describe("SciCat's dataset queries as Prisma conditions", () => {
  it("translates equality, lists, ranges, references and and/or", () => {
    expect(datasetWhere({ type: "raw" })).toEqual({ type: "raw" });
    expect(datasetWhere({ type: { inq: ["raw", "derived"] } })).toEqual({ type: { in: ["raw", "derived"] } });
    expect(datasetWhere({ keywords: { all: ["a", "b"] } })).toEqual({ AND: [{ keywords: { hasEvery: ["a", "b"] } }] });
    expect(datasetWhere({ size: { between: [1, 10] } })).toEqual({ size: { gte: 1n, lte: 10n } });
    expect(datasetWhere({ proposalIds: ["p1"] })).toEqual({ proposal: { is: { proposalId: { in: ["p1"] } } } });
    expect(datasetWhere({ or: [{ pid: "a" }, { pid: "b" }] })).toEqual({ OR: [{ pid: "a" }, { pid: "b" }] });
    expect(datasetWhere({ creationTime: { gt: "2026-03-01T00:00:00Z" } })).toEqual({
      creationTime: { gt: new Date("2026-03-01T00:00:00Z") },
    });
  });

  it("reads like as plain text with optional anchors", () => {
    expect(datasetWhere({ datasetName: { like: "scan" } })).toEqual({ datasetName: { contains: "scan" } });
    expect(datasetWhere({ datasetName: { like: "^scan" } })).toEqual({ datasetName: { startsWith: "scan" } });
    expect(datasetWhere({ datasetName: { ilike: "^scan 1$" } })).toEqual({
      datasetName: { equals: "scan 1", mode: "insensitive" },
    });
    expect(() => datasetWhere({ datasetName: { like: "sc(a|b)n" } })).toThrow(/plain text/);
  });

  it("refuses unknown fields, operators and unbounded queries with a 400", () => {
    for (const where of [
      { password: "x" },
      { pid: { $where: "1" } },
      { pid: { inq: Array.from({ length: 1001 }, (_, index) => String(index)) } },
      { and: [{ and: [{ and: [{ and: [{ and: [{ pid: "deep" }] }] }] }] }] },
      { size: "big" },
      { size: { gt: 1.5 } },
      { numberOfFiles: 2.5 },
      { type: "Raw" },
      { type: { like: "raw" } },
    ]) {
      expect(() => datasetWhere(where)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it("reads fullquery's fields and SciCat's order", () => {
    expect(fullqueryWhere({ ownerGroup: ["g1"], creationTime: { begin: "2026-01-01T00:00:00Z" } })).toEqual({
      AND: [{ ownerGroup: { in: ["g1"] } }, { creationTime: { gte: new Date("2026-01-01T00:00:00Z") } }],
    });
    expect(datasetOrder("creationTime:desc")).toEqual([{ creationTime: "desc" }, { pid: "asc" }]);
    expect(datasetOrder("size ASC")).toEqual([{ size: "asc" }, { pid: "asc" }]);
    expect(() => datasetOrder("scientificMetadata:desc")).toThrow(/not one of/);
  });
});
