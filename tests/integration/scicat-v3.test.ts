import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import type { Scope } from "@/lib/schemas/api-token";
import type { Database } from "@/lib/platform/db";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { tokenCaller, userCaller } from "../support/callers";
import { sciCatRequests } from "../support/scicat-requests";
import { createTestDatabase, databaseTier } from "../support/database";

const password = "a-long-functional-secret";
process.env.SCICAT_FUNCTIONAL_ACCOUNTS = JSON.stringify([
  {
    username: "ufo-ingestor",
    password,
    scopes: ["samples:read", "samples:write", "datasets:read", "datasets:write", "proposals:read"],
    instrumentPid: demo.instrumentPid,
  },
]);
vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn() }));
const v3 = await import("@/app/api/v3/[...path]/route");

let database: Database;
let ingestor = "";
let staff: Caller;
const tokens: Partial<Record<Scope, string>> = {};
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  staff = await userCaller("sam", "STAFF");
  for (const scope of ["samples:read", "proposals:write"] as const) tokens[scope] = (await tokenCaller([scope])).token;
});
afterAll(() => database.close());

const call = sciCatRequests(v3, 3, () => ingestor);

const pid = "ufo/2026-0042/v3_scan_0001";
const quoted = encodeURIComponent(pid);
const rawDataset = {
  pid,
  datasetName: "v3 scan 1",
  type: "raw",
  ownerGroup: "proposal-2026-0042",
  owner: "Ada Lovelace",
  contactEmail: "ada.lovelace@example.org",
  creationTime: "2026-03-02T10:00:00Z",
  sourceFolder: "/beamline/ufo/2026-0042/v3",
  creationLocation: "/KIT/KARA/UFO",
  principalInvestigator: "Ada Lovelace",
  isPublished: false,
  scientificMetadata: { energy: { value: 20, unit: "keV" } },
};

describe(`SciCat v3 subset (${databaseTier()})`, () => {
  it("POST auth/login issues a 24-hour token with id == access_token; wrong credentials are 401", async () => {
    const login = await call("POST", "auth/login", { body: { username: "ufo-ingestor", password }, token: null });
    expect(login.status).toBe(201);
    expect(login.json).toMatchObject({ ttl: 86400, userId: "ufo-ingestor", user: { username: "ufo-ingestor" } });
    expect(login.json.id).toBe(login.json.access_token);
    ingestor = String(login.json.id);
    const stored = await database.prisma.apiToken.findFirstOrThrow({ where: { name: "SciCat login ufo-ingestor" } });
    expect(stored.expiresAt!.getTime() - stored.createdAt.getTime()).toBeGreaterThan(23.9 * 3600_000);
    expect(stored.scopes).toContain("datasets:write");
    for (const body of [
      { username: "ufo-ingestor", password: "wrong" },
      { username: "nobody", password },
    ]) {
      const refused = await call("POST", "Auth/Login", { body, token: null });
      expect(refused).toEqual({ status: 401, json: { error: "Unknown user name or wrong password" } });
    }
  });

  it("POST Samples creates in the given proposal (201), GET and PATCH read and change it", async () => {
    const created = await call("POST", "Samples", {
      body: {
        sampleId: "S-V3-0001",
        description: "Pupa for v3",
        sampleCharacteristics: { stage: "pupa" },
        ownerGroup: "proposal-2026-0042",
        isPublished: false,
        proposalId: demo.proposalId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      sampleId: "S-V3-0001",
      proposalId: demo.proposalId,
      specimenName: "Pupa for v3",
    });
    const read = await call("GET", "samples/S-V3-0001", { query: true });
    expect(read.json).toMatchObject({ sampleCharacteristics: { stage: "pupa" }, description: "Pupa for v3" });
    const patched = await call("PATCH", "Samples/S-V3-0001", { body: { sampleCharacteristics: { stage: "adult" } } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ sampleCharacteristics: { stage: "adult" }, description: "Pupa for v3" });
    const found = await call(
      "GET",
      `Samples?filter=${encodeURIComponent(JSON.stringify({ where: { proposalId: demo.proposalId } }))}`,
    );
    expect((found.json as unknown as { sampleId: string }[]).map((sample) => sample.sampleId)).toContain("S-V3-0001");
  });

  it("POST Samples without proposalId, or with bad input, is 422 and writes nothing", async () => {
    const before = await database.prisma.sample.count();
    const noProposal = await call("POST", "Samples", { body: { sampleId: "S-V3-0002", description: "x" } });
    expect(noProposal.status).toBe(422);
    expect(noProposal.json.details).toHaveProperty("proposalId");
    const badId = await call("POST", "Samples", {
      body: { sampleId: "bad id!", description: "x", proposalId: demo.proposalId },
    });
    expect(badId.status).toBe(422);
    expect(badId.json.details).toHaveProperty("sampleId");
    const unknownField = await call("POST", "Samples", {
      body: { sampleId: "S-V3-0003", colour: "red", proposalId: demo.proposalId },
    });
    expect(unknownField.status).toBe(422);
    expect(unknownField.json.details).toHaveProperty("colour");
    expect(await database.prisma.sample.count()).toBe(before);
  });

  it("POST Datasets (201, SciCat names), origdatablocks, GET by quoted pid, filter, PATCH", async () => {
    const created = await call("POST", "Datasets", { body: { ...rawDataset, sampleId: "S-V3-0001" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      pid,
      sampleId: "S-V3-0001",
      proposalId: demo.proposalId,
      instrumentId: demo.instrumentPid,
    });
    const block = await call("POST", `Datasets/${quoted}/origdatablocks`, {
      body: {
        size: 300,
        chkAlg: "sha256",
        dataFileList: [
          { path: "proj_0000.tif", size: 100, time: "2026-03-02T10:01:00Z" },
          { path: "proj_0001.tif", size: 200, time: "2026-03-02T10:02:00Z", uid: "1000" },
        ],
      },
    });
    expect(block.status).toBe(201);
    expect(block.json).toMatchObject({ datasetId: pid, size: 300, chkAlg: "sha256" });
    expect((block.json.dataFileList as unknown[])[1]).toMatchObject({ uid: "1000" });
    const read = await call("GET", `datasets/${quoted}`, { query: true });
    expect(read.json).toMatchObject({ pid, size: 300, numberOfFiles: 2, isPublished: false });
    const filter = encodeURIComponent(JSON.stringify({ where: { sampleId: "S-V3-0001" } }));
    const found = await call("GET", `Datasets?filter=${filter}`);
    expect(found.status).toBe(200);
    expect((found.json as unknown as { pid: string }[]).map((dataset) => dataset.pid)).toEqual([pid]);
    const byName = encodeURIComponent(JSON.stringify({ where: { datasetName: "v3 scan 1", type: "raw" }, limit: 5 }));
    expect((await call("GET", `DATASETS?filter=${byName}`)).json).toHaveLength(1);
    const patched = await call("PATCH", `Datasets/${quoted}`, {
      body: { ...rawDataset, description: "reconstructed", scientificMetadata: { voxel: { value: 1.2, unit: "um" } } },
    });
    expect(patched.status).toBe(200);
    // SciCat replaces scientificMetadata whole (the native API merges it).
    expect(patched.json).toMatchObject({ description: "reconstructed" });
    expect(patched.json.scientificMetadata).toEqual({
      voxel: { value: 1.2, unit: "um", valueSI: 1.2e-6, unitSI: "m" },
    });
  });

  it("filters outside the supported query language are 400 with a clear message", async () => {
    for (const [filter, message] of [
      [{ where: { flavour: "x" } }, /Querying datasets by "flavour" is not supported/],
      [{ where: { datasetName: { near: "v3" } } }, /the operator "near" is not supported/],
      [{ where: { datasetName: { like: "v(3|4)" } } }, /"like" takes plain text/],
      [{ order: "scientificMetadata ASC" }, /order: "scientificMetadata ASC" is not one of/],
      [{ limit: 5000 }, /limit must be a whole number from 1 to 1000/],
      [{ where: { or: Array.from({ length: 60 }, () => ({ pid: "x" })) } }, /at most 50 conditions/],
    ] as const) {
      const refused = await call("GET", `Datasets?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatch(message);
    }
    expect((await call("GET", "Datasets?filter=not-json")).status).toBe(400);
  });

  it("a bad dataset is 422 and writes nothing", async () => {
    const before = await database.prisma.dataset.count();
    const bad = await call("POST", "Datasets", {
      body: { ...rawDataset, pid: "ufo/v3/bad", sampleId: "S-V3-0001", creationTime: "yesterday", flavour: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.details).toHaveProperty("flavour");
    const badTime = await call("POST", "Datasets", {
      body: { ...rawDataset, pid: "ufo/v3/bad", sampleId: "S-V3-0001", creationTime: "yesterday" },
    });
    expect(badTime.status).toBe(422);
    expect(badTime.json.details).toHaveProperty("creationTime");
    expect(await database.prisma.dataset.count()).toBe(before);
  });

  it("Proposals: POST (201), GET, PATCH keeps what SciCat does not know", async () => {
    const proposal = { proposalId: "2026-0777", title: "From pyscicat", email: "ada.lovelace@example.org" };
    const created = await call("POST", "Proposals", { body: proposal, token: null, as: staff });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject(proposal);
    const patched = await call("PATCH", "proposals/2026-0777", {
      body: { abstract: "Tomography" },
      token: null,
      as: staff,
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ title: "From pyscicat", abstract: "Tomography" });
    const retitled = await call("PATCH", "proposals/2026-0777", { body: { title: "Renamed" }, token: null, as: staff });
    expect(retitled.json).toMatchObject({ title: "Renamed", abstract: "Tomography", isPublished: false });
    expect((await call("GET", "Proposals/2026-0777", { token: null, as: staff })).json.title).toBe("Renamed");
    const read = await call("GET", `Proposals/${demo.proposalId}`);
    expect(read.json).toMatchObject({ proposalId: demo.proposalId });
  });

  it("Instruments: POST needs staff or instruments:write; GET by quoted pid", async () => {
    const body = { pid: "KIT/KARA/IMAGE", name: "IMAGE", customMetadata: { beamline: "IMAGE" } };
    expect((await call("POST", "Instruments", { body })).status).toBe(403);
    const created = await call("POST", "Instruments", { body, token: null, as: staff });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ pid: "KIT/KARA/IMAGE", uniqueName: "IMAGE" });
    const read = await call("GET", `Instruments/${encodeURIComponent("KIT/KARA/IMAGE")}`);
    expect(read.json).toMatchObject({ name: "IMAGE", customMetadata: { beamline: "IMAGE" } });
    expect((await call("POST", "Instruments", { body, token: null, as: staff })).status).toBe(409);
  });

  it("no token is 401, a token without the scope 403, unknown routes a JSON 404 for anyone", async () => {
    expect((await call("GET", `Datasets/${quoted}`, { token: null })).status).toBe(401);
    const forbidden = await call("POST", "Datasets", { body: rawDataset, token: tokens["samples:read"] });
    expect(forbidden.status).toBe(403);
    expect((await call("GET", `Datasets/${quoted}`, { token: "brs_invalid" })).status).toBe(401);
    for (const [method, path] of [
      ["GET", "PublishedData"],
      ["DELETE", `Datasets/${quoted}`],
      ["DELETE", "Instruments/KIT%2FKARA%2FIMAGE"],
      ["PUT", "Samples/S-V3-0001"],
    ]) {
      const unknown = await call(method, path, { token: null });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toMatch(
        /is not part of this server's SciCat-compatible API \(see \/api\/v1\/openapi.json/,
      );
    }
  });
});
