import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { listDerivedDatasets } from "@/lib/datasets/queries";
import type { Database } from "@/lib/platform/db";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";
import { sciCatRequests } from "../support/scicat-requests";

/**
 * What SciCat's clients need beyond v3's basics (the differential suite in
 * clients/scicat-compat/conformance compares them with the real SciCat): server-assigned pids,
 * derived datasets, attachments, SciCat's query language, v4, and our authorization on top.
 */

vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn() }));
const v3Routes = await import("@/app/api/v3/[...path]/route");
const v4Routes = await import("@/app/api/v4/[...path]/route");

let database: Database;
let writer = "";
let reader = "";
let samplesOnly = "";
let staff: Caller;
const v3 = sciCatRequests(v3Routes, 3, () => writer);
const v4 = sciCatRequests(v4Routes, 4, () => writer);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  staff = await userCaller("sam", "STAFF");
  writer = (await tokenCaller(["datasets:read", "datasets:write", "samples:read", "instruments:write"])).token;
  reader = (await tokenCaller(["datasets:read"])).token;
  samplesOnly = (await tokenCaller(["samples:read"])).token;
});
afterAll(() => database.close());

const raw = {
  datasetName: "scan without pid",
  type: "raw",
  ownerGroup: "proposal-2026-0042",
  owner: "Ada Lovelace",
  contactEmail: "ada.lovelace@example.org",
  creationTime: "2026-03-02T10:00:00Z",
  sourceFolder: "/beamline/ufo/2026-0042/nopid",
  creationLocation: "/KIT/KARA/UFO",
  principalInvestigator: "Ada Lovelace",
  proposalId: demo.proposalId,
  keywords: ["tomography", "conformance"],
  runNumber: "42",
  scientificMetadata: { energy: { value: 20, unit: "keV" } },
};
const png =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const quote = encodeURIComponent;
const query = (value: unknown) => quote(JSON.stringify(value));

describe(`SciCat API beyond v3's basics (${databaseTier()})`, () => {
  let rawPid = "";

  it("assigns <prefix>/<uuid> to a dataset sent without pid, and keeps every SciCat field sent", async () => {
    const created = await v3("POST", "Datasets", { body: raw });
    expect(created.status).toBe(201);
    rawPid = String(created.json.pid);
    expect(rawPid).toMatch(/^20\.500\.12345\/[0-9a-f-]{36}$/);
    expect(created.json).toMatchObject({
      creationLocation: "/KIT/KARA/UFO",
      principalInvestigator: "Ada Lovelace",
      principalInvestigators: ["Ada Lovelace"],
      proposalIds: [demo.proposalId],
      sampleId: null,
      runNumber: "42",
      version: "3",
    });
    const again = await v3("POST", "Datasets", { body: raw });
    expect(again.status).toBe(201);
    expect(again.json.pid).not.toBe(rawPid);
  });

  it("adds every origdatablock to the dataset's totals and lists them back", async () => {
    for (const files of [
      [{ path: "a.tif", size: 100, time: "2026-03-02T10:01:00Z", uid: "1000", perm: "644" }],
      [
        { path: "b.tif", size: 5, time: "2026-03-02T10:02:00Z" },
        { path: "c.tif", size: 2, time: "2026-03-02T10:03:00Z" },
      ],
    ]) {
      const block = await v3("POST", `Datasets/${quote(rawPid)}/origdatablocks`, { body: { dataFileList: files } });
      expect(block.status).toBe(201);
    }
    const dataset = await v3("GET", `Datasets/${quote(rawPid)}`);
    expect(dataset.json).toMatchObject({ size: 107, numberOfFiles: 3 });
    const blocks = await v3("GET", `Datasets/${quote(rawPid)}/origdatablocks`);
    expect(blocks.json).toHaveLength(2);
    expect((blocks.json as unknown as { dataFileList: unknown[] }[])[0].dataFileList[0]).toMatchObject({ uid: "1000" });
    const byFilter = await v4("GET", `origdatablocks?filter=${query({ where: { datasetId: rawPid } })}`);
    expect(byFilter.json).toHaveLength(2);
    const huge = { dataFileList: [{ path: "huge.raw", size: "9223372036854775800" }] };
    const overflow = await v3("POST", `Datasets/${quote(rawPid)}/origdatablocks`, { body: huge });
    expect(overflow.status).toBe(422);
    expect((await v3("GET", `Datasets/${quote(rawPid)}`)).json).toMatchObject({ size: 107, numberOfFiles: 3 });
  });

  it("registers a derived dataset of no sample; it lists its inputs and software, and must", async () => {
    const derived = {
      ...raw,
      type: "derived",
      datasetName: "reconstruction",
      principalInvestigator: undefined,
      investigator: "Ada Lovelace",
      inputDatasets: [rawPid],
      usedSoftware: ["ufo-kit 0.18"],
      jobParameters: { algorithm: "fbp" },
    };
    const created = await v3("POST", "Datasets", { body: derived });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      type: "derived",
      inputDatasets: [rawPid],
      usedSoftware: ["ufo-kit 0.18"],
      jobParameters: { algorithm: "fbp" },
      principalInvestigator: "Ada Lovelace",
    });
    // The raw dataset's page lists what was computed from it.
    expect((await listDerivedDatasets(staff, rawPid)).map((dataset) => dataset.pid)).toEqual([created.json.pid]);
    const incomplete = await v3("POST", "Datasets", { body: { ...derived, inputDatasets: undefined } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.json.details).toHaveProperty("inputDatasets");
  });

  it("keeps a dataset of no proposal visible to its ownerGroup only", async () => {
    const orphan = { ...raw, proposalId: undefined, ownerGroup: "tomo-group", datasetName: "no proposal" };
    const created = await v3("POST", "Datasets", { body: orphan });
    expect(created.status).toBe(201);
    const pid = quote(String(created.json.pid));
    const member = await userCaller("tomo", "USER", { groups: ["tomo-group"] });
    const outsider = await userCaller("other", "USER", { groups: ["other-group"] });
    expect((await v3("GET", `Datasets/${pid}`, { token: null, as: member })).status).toBe(200);
    expect((await v3("GET", `Datasets/${pid}`, { token: null, as: outsider })).status).toBe(404);
    const noGroup = await v3("POST", "Datasets", { body: { ...orphan, ownerGroup: undefined } });
    expect(noGroup.status).toBe(422);
  });

  it("answers fullquery, count and findOne in SciCat's query language, bounded to readable datasets", async () => {
    const fields = query({ proposalIds: [demo.proposalId], keywords: ["conformance"] });
    const found = await v3(
      "GET",
      `Datasets/fullquery?fields=${fields}&limits=${query({ limit: 10, order: "creationTime:desc" })}`,
    );
    expect(found.status).toBe(200);
    expect((found.json as unknown as { pid: string }[]).map((dataset) => dataset.pid)).toContain(rawPid);
    const count = await v3(
      "GET",
      `Datasets/count?filter=${query({ where: { keywords: "conformance", type: "raw" } })}`,
    );
    // Two scans and the dataset of no proposal: all raw, all tagged.
    expect(count.json).toEqual({ count: 3 });
    const one = await v3("GET", `Datasets/findOne?filter=${query({ where: { pid: rawPid } })}`);
    expect(one.json).toMatchObject({ pid: rawPid });
    const none = await v3("GET", `Datasets/findOne?filter=${query({ where: { pid: "nope" } })}`);
    expect(none).toEqual({ status: 200, json: null });
    const projected = await v3("GET", `Datasets?filter=${query({ where: { pid: rawPid }, fields: ["pid", "size"] })}`);
    expect(projected.json).toEqual([{ pid: rawPid, size: 107 }]);
    const like = await v3("GET", `Datasets?filter=${query({ where: { datasetName: { like: "^scan" } }, limit: 5 })}`);
    expect((like.json as unknown as unknown[]).length).toBeGreaterThan(0);
    expect((await v3("GET", `Datasets/fullquery?fields=${fields}`, { token: samplesOnly })).status).toBe(403);
  });

  it("stores thumbnail attachments on v3 and v4, refuses what is not an image, checks the scope", async () => {
    const attached = await v3("POST", `Datasets/${quote(rawPid)}/attachments`, {
      body: { thumbnail: png, caption: "Preview", ownerGroup: "proposal-2026-0042" },
    });
    expect(attached.status).toBe(201);
    expect(attached.json).toMatchObject({ datasetId: rawPid, caption: "Preview", thumbnail: png, isPublished: false });
    const relation = { targetId: rawPid, targetType: "dataset", relationType: "is attached to" };
    const viaV4 = await v4("POST", "attachments", {
      body: { thumbnail: png, caption: "Sinogram", relationships: [relation] },
    });
    expect(viaV4.status).toBe(201);
    expect(viaV4.json).toMatchObject({ caption: "Sinogram", relationships: [relation] });
    expect((await v4("GET", `attachments/${String(viaV4.json.aid)}`)).json).toMatchObject({ caption: "Sinogram" });
    const listed = await v3("GET", `Datasets/${quote(rawPid)}/attachments`);
    expect((listed.json as unknown as { caption: string }[]).map((item) => item.caption)).toEqual([
      "Preview",
      "Sinogram",
    ]);
    for (const thumbnail of ["data:image/svg+xml;base64,PHN2Zz4=", "javascript:alert(1)", "x".repeat(10)]) {
      const refused = await v3("POST", `Datasets/${quote(rawPid)}/attachments`, {
        body: { thumbnail, caption: "bad" },
      });
      expect(refused.status).toBe(422);
    }
    const readOnly = await v3("POST", `Datasets/${quote(rawPid)}/attachments`, {
      body: { thumbnail: png },
      token: reader,
    });
    expect(readOnly.status).toBe(403);
    expect(await database.prisma.attachment.count()).toBe(2);
    expect((await v3("GET", `Datasets?filter=${query({ include: ["attachments"], limit: 500 })}`)).status).toBe(400);
    const aid = String(viaV4.json.aid);
    expect((await v4("DELETE", `attachments/${aid}`, { token: reader })).status).toBe(403);
    expect((await v4("DELETE", `attachments/${aid}`)).json).toMatchObject({ caption: "Sinogram" });
    expect((await v4("GET", `attachments/${aid}`)).status).toBe(404);
    // Put back: the v4 test below reads both.
    await v4("POST", "attachments", { body: { thumbnail: png, caption: "Sinogram", relationships: [relation] } });
  });

  it("holds at most 20 attachments per record", async () => {
    const target = `Datasets/${quote(rawPid)}/attachments`;
    const present = await database.prisma.attachment.count({ where: { dataset: { pid: rawPid } } });
    for (let index = present; index < 20; index++)
      expect((await v3("POST", target, { body: { thumbnail: png, caption: `extra ${index}` } })).status).toBe(201);
    const refused = await v3("POST", target, { body: { thumbnail: png, caption: "one too many" } });
    expect(refused.status).toBe(409);
    expect((await v3("GET", target)).json).toHaveLength(20);
    await database.prisma.attachment.deleteMany({ where: { caption: { startsWith: "extra " } } });
  });

  it("v4: isValid, create with v4's lists, and get with origdatablocks and attachments embedded", async () => {
    const document = {
      ...raw,
      principalInvestigator: undefined,
      proposalId: undefined,
      principalInvestigators: ["Ada Lovelace"],
      proposalIds: [demo.proposalId],
    };
    expect((await v4("POST", "datasets/isValid", { body: document })).json).toEqual({ valid: true });
    const invalid = await v4("POST", "datasets/isValid", { body: { ...document, sourceFolder: undefined } });
    expect(invalid).toMatchObject({ status: 200, json: { valid: false } });
    const created = await v4("POST", "datasets", { body: document });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ proposalIds: [demo.proposalId], version: "4" });
    expect(created.json).not.toHaveProperty("proposalId");
    const two = await v4("POST", "datasets", { body: { ...document, proposalIds: ["a", "b"] } });
    expect(two.status).toBe(422);
    const read = await v4("GET", `datasets/${quote(rawPid)}?include=origdatablocks&include=attachments`);
    expect(read.status).toBe(200);
    expect(read.json.origdatablocks).toHaveLength(2);
    expect(read.json.attachments).toHaveLength(2);
    expect((await v4("GET", `datasets/${quote(rawPid)}?include=history`)).status).toBe(400);
  });

  it("proposals and instruments: lists, findOne as pyscicat sends it, PATCH, names with spaces", async () => {
    const proposals = await v3("GET", `Proposals?filter=${query({ where: { proposalId: demo.proposalId } })}`, {
      token: null,
      as: staff,
    });
    expect(proposals.json).toMatchObject([{ proposalId: demo.proposalId, isPublished: false }]);
    const instrument = await v3("POST", "Instruments", { body: { name: "UFO beamline two", customMetadata: {} } });
    expect(instrument.status).toBe(201);
    expect(instrument.json).toMatchObject({ uniqueName: "UFO beamline two" });
    const pid = String(instrument.json.pid);
    expect(pid).toMatch(/^20\.500\.12345\//);
    const bare = await v3(
      "GET",
      `Instruments/findOne?${quote(JSON.stringify({ where: { name: { like: "UFO beamline two" } } }))}`,
    );
    expect(bare.json).toMatchObject({ pid });
    const patched = await v3("PATCH", `Instruments/${quote(pid)}`, { body: { customMetadata: { hutch: "EH1" } } });
    expect(patched.json).toMatchObject({ name: "UFO beamline two", customMetadata: { hutch: "EH1" } });
    const listed = await v3("GET", `Instruments?filter=${query({ where: { uniqueName: "UFO beamline two" } })}`);
    expect(listed.json).toHaveLength(1);
    expect((await v3("PATCH", `Instruments/${quote(pid)}`, { body: { name: "x" }, token: reader })).status).toBe(403);
  });

  it("samples: filter by a sampleCharacteristics value; groups and owner are the proposal's", async () => {
    const body = { sampleId: "S-CHAR-01", description: "Larva", proposalId: demo.proposalId, owner: "Grace Hopper" };
    const asStaff = { token: null, as: await userCaller("ada", "ADMIN") } as const;
    for (const [sampleId, stage] of [
      ["S-CHAR-01", "larva"],
      ["S-CHAR-02", "pupa"],
    ])
      expect(
        (await v3("POST", "Samples", { ...asStaff, body: { ...body, sampleId, sampleCharacteristics: { stage } } }))
          .status,
      ).toBe(201);
    const found = await v3(
      "GET",
      `Samples?filter=${query({ where: { "sampleCharacteristics.stage": "larva" } })}`,
      asStaff,
    );
    expect(found.json).toMatchObject([
      {
        sampleId: "S-CHAR-01",
        ownerGroup: "proposal-2026-0042",
        owner: expect.any(String),
        accessGroups: ["ufo-staff"],
      },
    ]);
    expect(found.json).toHaveLength(1);
    expect((await v3("GET", `Samples?filter=${query({ where: { sampleId: "" } })}`, asStaff)).json).toEqual([]);
    for (const where of [{ "sampleCharacteristics.stage": null }, { "sampleCharacteristics.": "x" }])
      expect((await v3("GET", `Samples?filter=${query({ where })}`, asStaff)).status).toBe(400);
    const renamed = await v3("PATCH", "Samples/S-CHAR-01", { ...asStaff, body: { description: "Larva, stage 3" } });
    expect(renamed.json).toMatchObject({ owner: "Grace Hopper", description: "Larva, stage 3" });
  });
});
