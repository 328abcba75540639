import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import type { Scope } from "@/lib/schemas/api-token";
import type { Database } from "@/lib/platform/db";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { currentCaller } from "@/lib/auth/session";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn() }));
const datasetsRoute = await import("@/app/api/v1/datasets/route");
const datasetRoute = await import("@/app/api/v1/datasets/[pid]/route");
const blocksRoute = await import("@/app/api/v1/datasets/[pid]/origdatablocks/route");
const sampleRoute = await import("@/app/api/v1/samples/[specimenId]/route");
const sampleDatasetsRoute = await import("@/app/api/v1/samples/[specimenId]/datasets/route");
const proposalsRoute = await import("@/app/api/v1/proposals/route");
const proposalRoute = await import("@/app/api/v1/proposals/[proposalId]/route");
const trayRoute = await import("@/app/api/v1/trays/[trayId]/route");
const unknownRoute = await import("@/app/api/v1/[...unknown]/route");
const openApiRoute = await import("@/app/api/v1/openapi.json/route");

type Handler<Params> = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

let database: Database;
const tokens: Partial<Record<Scope, string>> = {};
let member: Caller;
let other: Caller;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  for (const scope of ["datasets:write", "datasets:read", "samples:read", "proposals:read", "events:write"] as const)
    tokens[scope] = (await tokenCaller([scope], `token ${scope}`)).token;
  member = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  other = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
});
afterAll(() => database.close());

/** Calls a route handler as Next.js would: `url` as the client sends it (encoded), params decoded. */
async function call<Params>(
  handler: Handler<Params>,
  url: string,
  params: Params,
  options: { method?: string; token?: Scope; as?: Caller; body?: unknown; rawBody?: string } = {},
) {
  vi.mocked(currentCaller).mockResolvedValue(options.as ?? { kind: "anonymous" });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${tokens[options.token]}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await handler(
    new Request(`http://localhost${url}`, { method: options.method ?? "GET", headers, body }),
    {
      params: Promise.resolve(params),
    },
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: string } };
}

const pid = "demo/2026-0042/scan_0200";
const encoded = encodeURIComponent(pid);
const dataset = {
  pid,
  datasetName: "Pupa day 5 scan_0200",
  sourceFolder: "/beamline/ufo/2026-0042/S-DEMO-05/scan_0200",
  sampleId: "S-DEMO-05",
  size: 0,
  creationTime: "2026-03-02T10:00:00Z",
  scientificMetadata: { energy: { value: 20, unit: "keV" } },
};
const post = (body: unknown, token: Scope | null = "datasets:write") =>
  call(datasetsRoute.POST, "/api/v1/datasets", {}, { method: "POST", token: token ?? undefined, body });
const datasetCount = () => database.prisma.dataset.count();

describe(`REST API v1 (${databaseTier()})`, () => {
  it("POST /datasets registers once: 201, then 200 with the same dataset, one row", async () => {
    const before = await datasetCount();
    const first = await post(dataset);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ pid, sampleId: "S-DEMO-05", proposalId: demo.proposalId, size: 0 });
    const again = await post(dataset);
    expect(again).toEqual({ status: 200, json: first.json });
    expect(await datasetCount()).toBe(before + 1);
    const conflict = await post({ ...dataset, datasetName: "renamed" });
    expect(conflict.status).toBe(409);
    expect(conflict.json.details).toEqual({ datasetName: [expect.any(String)] });
  });

  it("POST /datasets rejects bad input (422 with field errors), bad JSON (400) and callers without rights; writes nothing", async () => {
    const before = await datasetCount();
    const invalid = await post({ pid: "x y", sampleId: "S-NOPE", size: "lots" });
    expect(invalid.status).toBe(422);
    expect(invalid.json.details).toMatchObject({
      pid: [expect.any(String)],
      datasetName: [expect.any(String)],
      sourceFolder: [expect.any(String)],
      size: [expect.any(String)],
    });
    const unknownSample = await post({ ...dataset, pid: "new-1", sampleId: "S-NOPE" });
    expect(unknownSample).toMatchObject({ status: 422, json: { details: { sampleId: [expect.any(String)] } } });
    const malformed = await call(
      datasetsRoute.POST,
      "/api/v1/datasets",
      {},
      { method: "POST", token: "datasets:write", rawBody: "{pid:" },
    );
    expect(malformed).toEqual({ status: 400, json: { error: "The request body is not JSON" } });
    expect((await post({ ...dataset, pid: "new-2" }, null)).status).toBe(401);
    expect((await post({ ...dataset, pid: "new-2" }, "datasets:read")).status).toBe(403);
    expect(
      (
        await call(
          datasetsRoute.POST,
          "/api/v1/datasets",
          {},
          { method: "POST", as: member, body: { ...dataset, pid: "new-2" } },
        )
      ).status,
    ).toBe(403);
    expect(await datasetCount()).toBe(before);
  });

  it("GET /datasets/{pid} accepts an encoded pid; readers by scope and membership", async () => {
    const url = `/api/v1/datasets/${encoded}`;
    // Next.js may hand the parameter over decoded or not: the path decides.
    for (const param of [encoded, pid]) {
      const read = await call(datasetRoute.GET, url, { pid: param }, { token: "datasets:read" });
      expect(read).toMatchObject({ status: 200, json: { pid } });
    }
    expect((await call(datasetRoute.GET, url, { pid: encoded }, { as: member })).status).toBe(200);
    expect((await call(datasetRoute.GET, url, { pid: encoded }, { as: other })).status).toBe(404);
    expect((await call(datasetRoute.GET, url, { pid: encoded })).status).toBe(401);
    expect((await call(datasetRoute.GET, url, { pid: encoded }, { token: "samples:read" })).status).toBe(403);
    expect(
      (await call(datasetRoute.GET, "/api/v1/datasets/nope", { pid: "nope" }, { token: "datasets:read" })).status,
    ).toBe(404);
  });

  it("GET /datasets filters by sample and proposal, with paging", async () => {
    const list = await call(
      datasetsRoute.GET,
      `/api/v1/datasets?sampleId=S-DEMO-05&limit=5`,
      {},
      { token: "datasets:read" },
    );
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ total: 1, limit: 5, skip: 0, datasets: [{ pid }] });
    const byProposal = await call(
      datasetsRoute.GET,
      `/api/v1/datasets?proposalId=${demo.proposalId}&skip=1`,
      {},
      { as: member },
    );
    expect(byProposal.json.total).toBe(4);
    expect(byProposal.json.datasets).toHaveLength(3);
    const bad = await call(datasetsRoute.GET, "/api/v1/datasets?limit=0", {}, { token: "datasets:read" });
    expect(bad).toMatchObject({ status: 422, json: { details: { limit: [expect.any(String)] } } });
    expect((await call(datasetsRoute.GET, "/api/v1/datasets", {})).status).toBe(401);
    expect((await call(datasetsRoute.GET, "/api/v1/datasets", {}, { token: "samples:read" })).status).toBe(403);
  });

  it("PATCH /datasets/{pid} updates what is sent; bad input writes nothing", async () => {
    const url = `/api/v1/datasets/${encoded}`;
    const patch = (body: unknown, token: Scope | null = "datasets:write") =>
      call(datasetRoute.PATCH, url, { pid: encoded }, { method: "PATCH", token: token ?? undefined, body });
    const updated = await patch({
      numberOfFiles: 3001,
      endTime: "2026-03-02T10:20:00Z",
      scientificMetadata: { pixel_size: 1.22 },
    });
    expect(updated).toMatchObject({
      status: 200,
      json: { numberOfFiles: 3001, scientificMetadata: { energy: { value: 20, unit: "keV" }, pixel_size: 1.22 } },
    });
    const invalid = await patch({ numberOfFiles: -1, endTime: "yesterday" });
    expect(invalid).toMatchObject({
      status: 422,
      json: { details: { numberOfFiles: [expect.any(String)], endTime: [expect.any(String)] } },
    });
    expect((await patch({ size: 1 }, null)).status).toBe(401);
    expect((await patch({ size: 1 }, "datasets:read")).status).toBe(403);
    const stored = await database.prisma.dataset.findUniqueOrThrow({ where: { pid } });
    expect(stored.numberOfFiles).toBe(3001);
    expect(stored.size).toBe(0n);
  });

  it("POST /datasets/{pid}/origdatablocks adds files (201) and fills in the size", async () => {
    const url = `/api/v1/datasets/${encoded}/origdatablocks`;
    const add = (body: unknown, token: Scope | null = "datasets:write") =>
      call(blocksRoute.POST, url, { pid: encoded }, { method: "POST", token: token ?? undefined, body });
    const blocks = () => database.prisma.origDatablock.count();
    const before = await blocks();
    expect((await add({ dataFileList: [] })).status).toBe(422);
    expect((await add({ dataFileList: [{ path: "a.tif", size: 1 }] }, null)).status).toBe(401);
    expect((await add({ dataFileList: [{ path: "a.tif", size: 1 }] }, "datasets:read")).status).toBe(403);
    expect(await blocks()).toBe(before);
    const added = await add({
      chkAlg: "sha256",
      dataFileList: [
        { path: "a.tif", size: 10 },
        { path: "b.tif", size: 20 },
      ],
    });
    expect(added).toMatchObject({ status: 201, json: { datasetId: pid, size: 30 } });
    expect(await blocks()).toBe(before + 1);
    expect((await database.prisma.dataset.findUniqueOrThrow({ where: { pid } })).size).toBe(30n);
  });

  it("GET /samples/{specimenId} and its datasets", async () => {
    const url = "/api/v1/samples/S-DEMO-05";
    const sample = await call(sampleRoute.GET, url, { specimenId: "S-DEMO-05" }, { token: "samples:read" });
    expect(sample).toMatchObject({
      status: 200,
      json: {
        sampleId: "S-DEMO-05",
        proposalId: demo.proposalId,
        trayId: "T-DEMO-A",
        position: "5",
        datasets: [{ pid }],
      },
    });
    expect((await call(sampleRoute.GET, url, { specimenId: "S-DEMO-05" }, { as: other })).status).toBe(404);
    expect((await call(sampleRoute.GET, url, { specimenId: "S-DEMO-05" })).status).toBe(401);
    expect((await call(sampleRoute.GET, url, { specimenId: "S-DEMO-05" }, { token: "datasets:read" })).status).toBe(
      403,
    );
    expect(
      (await call(sampleRoute.GET, "/api/v1/samples/S-NOPE", { specimenId: "S-NOPE" }, { token: "samples:read" }))
        .status,
    ).toBe(404);

    const datasets = await call(
      sampleDatasetsRoute.GET,
      `${url}/datasets`,
      { specimenId: "S-DEMO-05" },
      { token: "datasets:read" },
    );
    expect(datasets).toMatchObject({ status: 200, json: { total: 1, datasets: [{ pid, size: 30 }] } });
    expect(
      (
        await call(
          sampleDatasetsRoute.GET,
          `${url}/datasets?limit=x`,
          { specimenId: "S-DEMO-05" },
          { token: "datasets:read" },
        )
      ).status,
    ).toBe(422);
    expect(
      (await call(sampleDatasetsRoute.GET, `${url}/datasets`, { specimenId: "S-DEMO-05" }, { as: other })).status,
    ).toBe(404);
    expect((await call(sampleDatasetsRoute.GET, `${url}/datasets`, { specimenId: "S-DEMO-05" })).status).toBe(401);
    expect(
      (await call(sampleDatasetsRoute.GET, `${url}/datasets`, { specimenId: "S-DEMO-05" }, { token: "samples:read" }))
        .status,
    ).toBe(403);
  });

  it("GET /proposals, /proposals/{proposalId} and /trays/{trayId}", async () => {
    const list = await call(proposalsRoute.GET, "/api/v1/proposals", {}, { token: "proposals:read" });
    expect(list).toMatchObject({ status: 200, json: { proposals: [{ proposalId: demo.proposalId }] } });
    expect((await call(proposalsRoute.GET, "/api/v1/proposals", {}, { as: other })).json).toEqual({ proposals: [] });
    expect((await call(proposalsRoute.GET, "/api/v1/proposals", {})).status).toBe(401);
    expect((await call(proposalsRoute.GET, "/api/v1/proposals", {}, { token: "samples:read" })).status).toBe(403);

    const url = `/api/v1/proposals/${demo.proposalId}`;
    const params = { proposalId: demo.proposalId };
    const proposal = await call(proposalRoute.GET, url, params, { as: member });
    expect(proposal).toMatchObject({
      status: 200,
      json: { proposalId: demo.proposalId, instrumentIds: [demo.instrumentPid] },
    });
    expect(JSON.stringify(proposal.json)).not.toMatch(/"id":/);
    expect((await call(proposalRoute.GET, url, params, { as: other })).status).toBe(404);
    expect((await call(proposalRoute.GET, url, params)).status).toBe(401);
    expect((await call(proposalRoute.GET, url, params, { token: "samples:read" })).status).toBe(403);

    const trayUrl = "/api/v1/trays/T-DEMO-B";
    const trayParams = { trayId: "T-DEMO-B" };
    const tray = await call(trayRoute.GET, trayUrl, trayParams, { token: "samples:read" });
    expect(tray).toMatchObject({
      status: 200,
      json: { trayId: "T-DEMO-B", rows: 4, columns: 6, samples: expect.any(Array) },
    });
    expect((tray.json.samples as { position: string }[])[0].position).toBe("A1");
    expect((await call(trayRoute.GET, trayUrl, trayParams, { as: other })).status).toBe(404);
    expect((await call(trayRoute.GET, trayUrl, trayParams)).status).toBe(401);
    expect((await call(trayRoute.GET, trayUrl, trayParams, { token: "proposals:read" })).status).toBe(403);
  });

  it("answers unknown /api/v1 paths with JSON 404, for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await call(
        unknownRoute[method],
        "/api/v1/nothing/here",
        { unknown: ["nothing", "here"] },
        { method, rawBody: method === "GET" ? undefined : "{}" },
      );
      expect(response).toEqual({
        status: 404,
        json: { error: `No such API route: ${method} /api/v1/nothing/here; see /api/v1/openapi.json` },
      });
    }
  });

  it("describes every /api/v1 route in an OpenAPI 3.1 document", async () => {
    const response = await openApiRoute.GET();
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, { properties?: object }> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components.schemas.Error.properties).toHaveProperty("details");
    expect(document.components.schemas.DatasetInput.properties).toHaveProperty("scientificMetadata");

    const root = path.resolve("app/api/v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry === "route.ts") routes.push("/" + path.relative(root, dir).split(path.sep).join("/"));
      }
    };
    walk(root);
    const documented = routes
      .filter((route) => !route.startsWith("/[..."))
      .map((route) => route.replace(/\[(\w+)\]/g, "{$1}").replace(/\/$/, ""));
    expect(documented.length).toBeGreaterThanOrEqual(14);
    for (const route of documented) expect(Object.keys(document.paths), route).toContain(route);
    for (const [route, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        expect(Object.keys(operation.responses).length, `${method} ${route}`).toBeGreaterThan(0);
        if (method === "post" || method === "patch")
          expect(operation.requestBody ?? route.includes("origdatablocks"), `${method} ${route}`).toBeTruthy();
      }
  });
});
