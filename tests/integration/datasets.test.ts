import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, UserCaller } from "@/lib/auth/caller";
import { addOrigDatablock } from "@/lib/datasets/add-origdatablock";
import { getDataset, getDatasetWithFiles, listDatasets } from "@/lib/datasets/queries";
import { registerDataset } from "@/lib/datasets/register-dataset";
import { updateDataset } from "@/lib/datasets/update-dataset";
import type { Database } from "@/lib/platform/db";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/shared/errors";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
let staff: UserCaller;
let member: UserCaller;
let other: UserCaller;
let writer: Caller;
let reader: Caller;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  staff = await userCaller("sam", "STAFF");
  member = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  other = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
  writer = (await tokenCaller(["datasets:write"], "UFO Concert")).caller;
  reader = (await tokenCaller(["datasets:read"])).caller;
});
afterAll(() => database.close());

const scan = (pid: string, extra: Record<string, unknown> = {}) => ({
  pid,
  datasetName: `${pid} tomography`,
  sourceFolder: `/beamline/ufo/${pid}`,
  sampleId: "S-DEMO-04",
  size: 1000,
  numberOfFiles: 3,
  creationTime: "2026-03-01T08:00:00Z",
  scientificMetadata: { energy: { value: 20, unit: "keV" }, exposure_time: { value: 0.05, unit: "s" } },
  ...extra,
});

const countOf = (pid: string) => database.prisma.dataset.count({ where: { pid } });
const auditOf = (pid: string) =>
  database.prisma.auditLog.findMany({ where: { entity: "Dataset", entityId: pid }, orderBy: { createdAt: "asc" } });

describe(`datasets (${databaseTier()})`, () => {
  it("are registered by a token with datasets:write, with the proposal's defaults, and audited", async () => {
    const { dataset, created } = await registerDataset(writer, scan("ufo/2026-0042/scan_0100", { size: "5000" }));
    expect(created).toBe(true);
    expect(dataset).toMatchObject({
      pid: "ufo/2026-0042/scan_0100",
      type: "raw",
      size: 5000,
      numberOfFiles: 3,
      sampleId: "S-DEMO-04",
      proposalId: demo.proposalId,
      instrumentId: null,
      owner: "Ada Lovelace",
      ownerGroup: "proposal-2026-0042",
      accessGroups: ["ufo-staff"],
      contactEmail: "ada.lovelace@example.org",
      creationTime: "2026-03-01T08:00:00.000Z",
      createdBy: "API token UFO Concert",
    });
    const [entry] = await auditOf("ufo/2026-0042/scan_0100");
    expect(entry).toMatchObject({ action: "CREATE", actorName: "API token UFO Concert", proposalId: demo.proposalId });
  });

  it("are idempotent on pid: the same registration again creates nothing", async () => {
    const first = await registerDataset(staff, scan("idem-1", { instrumentId: demo.instrumentPid }));
    // Key order, a size as digits and a left-out creationTime do not make it a different dataset.
    const again = await registerDataset(writer, {
      ...scan("idem-1", { instrumentId: demo.instrumentPid, size: "1000" }),
      creationTime: undefined,
      scientificMetadata: { exposure_time: { unit: "s", value: 0.05 }, energy: { unit: "keV", value: 20 } },
    });
    expect(first.created).toBe(true);
    expect(again).toEqual({ dataset: first.dataset, created: false });
    expect(await countOf("idem-1")).toBe(1);
    expect(await auditOf("idem-1")).toHaveLength(1);
    expect(first.dataset).toMatchObject({ instrumentId: demo.instrumentPid, createdBy: "sam" });
    const row = await database.prisma.dataset.findUniqueOrThrow({ where: { pid: "idem-1" } });
    expect(row.createdByUserId).toBe(staff.id);
  });

  it("refuse the same pid with different content, naming the differing fields", async () => {
    await registerDataset(writer, scan("conflict-1"));
    const attempt = registerDataset(writer, scan("conflict-1", { size: 2000, datasetName: "other" }));
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(
      registerDataset(writer, scan("conflict-1", { size: 2000, datasetName: "other" })),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("datasetName, size"),
      details: { size: expect.any(Array) },
    });
    expect(await countOf("conflict-1")).toBe(1);
    const row = await database.prisma.dataset.findUniqueOrThrow({ where: { pid: "conflict-1" } });
    expect(row.size).toBe(1000n);
  });

  it("are registered once when two clients send the same pid at the same time", async () => {
    const results = await Promise.all([
      registerDataset(writer, scan("race-1")),
      registerDataset(writer, scan("race-1")),
    ]);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
    expect(await countOf("race-1")).toBe(1);
  });

  it("reject invalid input and unknown references with field errors, writing nothing", async () => {
    await expect(
      registerDataset(writer, {
        ...scan("has space"),
        size: -1,
        creationTime: "2026-03-01T08:00:00",
        type: "processed" as "raw",
      }),
    ).rejects.toMatchObject({
      status: 422,
      fieldErrors: {
        pid: [expect.any(String)],
        size: [expect.any(String)],
        creationTime: [expect.stringContaining("zone")],
        type: [expect.any(String)],
      },
    });
    await expect(
      registerDataset(writer, scan("bad-refs", { sampleId: "S-NOPE", instrumentId: "KIT/NOPE" })),
    ).rejects.toMatchObject({ fieldErrors: { sampleId: [expect.any(String)], instrumentId: [expect.any(String)] } });
    await database.prisma.proposal.create({ data: { proposalId: "2026-0099", title: "Other", ownerGroup: "g" } });
    await expect(registerDataset(writer, scan("bad-proposal", { proposalId: "2026-0099" }))).rejects.toMatchObject({
      fieldErrors: { proposalId: ["Sample S-DEMO-04 belongs to proposal 2026-0042, not 2026-0099"] },
    });
    await expect(registerDataset(writer, scan("bad-proposal", { proposalId: "nope" }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(
      await database.prisma.dataset.count({ where: { pid: { in: ["has space", "bad-refs", "bad-proposal"] } } }),
    ).toBe(0);
    expect(await database.prisma.auditLog.count({ where: { entityId: { in: ["bad-refs", "bad-proposal"] } } })).toBe(0);
  });

  it("refuse pids that a link would resolve outside /datasets/, and references to them", async () => {
    for (const pid of ["../../admin/tokens", "a/./b", "a//b", "/abs", "trailing/", "back\\slash", "nul\u0000"]) {
      await expect(registerDataset(writer, scan(pid)), pid).rejects.toMatchObject({
        status: 422,
        fieldErrors: { pid: [expect.stringContaining('none of them "." or ".."')] },
      });
    }
    await expect(
      registerDataset(writer, scan("derived-1", { type: "derived", inputDatasets: ["../../admin"] })),
    ).rejects.toMatchObject({ status: 422 });
    expect(await database.prisma.dataset.count({ where: { pid: { contains: ".." } } })).toBe(0);
    // Dots inside a part are fine: DOIs and handles have them.
    const { dataset } = await registerDataset(writer, scan("10.5281/zenodo.1234/..scan.."));
    expect(dataset.pid).toBe("10.5281/zenodo.1234/..scan..");
  });

  it("are registered and changed only by staff, admins and tokens with datasets:write", async () => {
    await expect(registerDataset({ kind: "anonymous" }, scan("who-1"))).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(registerDataset(member, scan("who-1"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(registerDataset(other, scan("who-1"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(registerDataset(reader, scan("who-1"))).rejects.toThrow(/datasets:write/);
    await expect(updateDataset(member, "idem-1", { size: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addOrigDatablock(reader, "idem-1", { dataFileList: [{ path: "a", size: 1 }] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await countOf("who-1")).toBe(0);
    const admin = await userCaller("alex", "ADMIN");
    expect((await registerDataset(admin, scan("who-1"))).created).toBe(true);
  });

  it("are read by members of their proposal, staff and tokens with datasets:read; hidden from others", async () => {
    expect((await getDataset(member, "idem-1")).pid).toBe("idem-1");
    expect((await getDataset(staff, "idem-1")).pid).toBe("idem-1");
    expect((await getDataset(reader, "idem-1")).pid).toBe("idem-1");
    await expect(getDataset(other, "idem-1")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDataset(writer, "idem-1")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getDataset({ kind: "anonymous" }, "idem-1")).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(getDataset(staff, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("are listed per sample and proposal, newest first, with paging", async () => {
    const all = await listDatasets(member, { proposalId: demo.proposalId });
    expect(all.total).toBeGreaterThanOrEqual(8);
    const page = await listDatasets(member, { sampleId: "S-DEMO-04", limit: 2, skip: 1 });
    expect(page.datasets).toHaveLength(2);
    expect(page.datasets.every((dataset) => dataset.sampleId === "S-DEMO-04")).toBe(true);
    expect((await listDatasets(other, {})).total).toBe(0);
    await expect(listDatasets(other, { sampleId: "S-DEMO-04" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listDatasets(member, { limit: 0 })).rejects.toMatchObject({
      fieldErrors: { limit: expect.any(Array) },
    });
  });

  it("are updated at the end of an acquisition; scientificMetadata is merged one level deep", async () => {
    const updated = await updateDataset(writer, "idem-1", {
      size: "9007199254740993",
      numberOfFiles: 3001,
      endTime: "2026-03-01T09:00:00+01:00",
      scientificMetadata: { exposure_time: null, number_of_projections: 3000 },
    });
    expect(updated).toMatchObject({
      size: "9007199254740993",
      numberOfFiles: 3001,
      endTime: "2026-03-01T08:00:00.000Z",
      scientificMetadata: { energy: { value: 20, unit: "keV" }, number_of_projections: 3000 },
    });
    expect(updated.scientificMetadata).not.toHaveProperty("exposure_time");
    const entries = await auditOf("idem-1");
    expect(entries.at(-1)).toMatchObject({ action: "UPDATE", changes: { numberOfFiles: [3, 3001] } });
    await expect(updateDataset(writer, "idem-1", { pid: "other" } as never)).rejects.toMatchObject({
      fieldErrors: { pid: [expect.any(String)] },
    });
    await expect(updateDataset(writer, "idem-1", { sampleId: "S-NOPE" })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateDataset(writer, "nope", { size: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const unchanged = await updateDataset(writer, "idem-1", { numberOfFiles: 3001 });
    expect(unchanged.numberOfFiles).toBe(3001);
    expect(await auditOf("idem-1")).toHaveLength(entries.length);
  });

  it("take origdatablocks, each adding its size and file count to the dataset's, as in SciCat", async () => {
    await registerDataset(writer, scan("blocks-1", { size: 0, numberOfFiles: 0 }));
    const block = await addOrigDatablock(writer, "blocks-1", {
      chkAlg: "sha256",
      dataFileList: [
        { path: "proj_0000.tif", size: 100, time: "2026-03-01T08:00:01Z", chk: "ab" },
        { path: "proj_0001.tif", size: "200" },
      ],
    });
    expect(block).toMatchObject({ datasetId: "blocks-1", size: 300, chkAlg: "sha256" });
    expect(block.dataFileList[0]).toEqual({
      path: "proj_0000.tif",
      size: 100,
      time: "2026-03-01T08:00:01.000Z",
      chk: "ab",
    });
    expect(await getDataset(staff, "blocks-1")).toMatchObject({ size: 300, numberOfFiles: 2 });
    const flat = await addOrigDatablock(writer, "blocks-1", {
      dataFileList: [{ path: "flat.tif", size: 5, uid: "1000", gid: "100", perm: "-rw-r--r--" }],
    });
    expect(flat.dataFileList[0]).toEqual({ path: "flat.tif", size: 5, uid: "1000", gid: "100", perm: "-rw-r--r--" });
    expect(await getDataset(staff, "blocks-1")).toMatchObject({ size: 305, numberOfFiles: 3 });
    expect(await database.prisma.origDatablock.count({ where: { dataset: { pid: "blocks-1" } } })).toBe(2);
    await expect(addOrigDatablock(writer, "blocks-1", { dataFileList: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(addOrigDatablock(writer, "nope", { dataFileList: [{ path: "a", size: 1 }] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("list their files for the dataset page, to readers of the proposal only", async () => {
    const { dataset, datablocks, files } = await getDatasetWithFiles(staff, "blocks-1");
    expect(dataset.pid).toBe("blocks-1");
    expect(datablocks).toBe(2);
    expect(files.map((file) => file.path)).toEqual(["proj_0000.tif", "proj_0001.tif", "flat.tif"]);
    expect(files[0]).toEqual({ path: "proj_0000.tif", size: 100, time: "2026-03-01T08:00:01.000Z", chk: "ab" });
    const stranger = await userCaller("stranger", "USER", { email: "stranger@example.org" });
    await expect(getDatasetWithFiles(stranger, "blocks-1")).rejects.toBeInstanceOf(NotFoundError);
  });
});
