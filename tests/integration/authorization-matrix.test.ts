import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import type { Scope } from "@/lib/schemas/api-token";
import type { Database } from "@/lib/platform/db";
import { DomainError } from "@/lib/shared/errors";
import { listInstruments } from "@/lib/instruments/registry";
import { getProposal, listProposals, listUpcomingBeamtimes } from "@/lib/proposals/queries";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { currentCaller } from "@/lib/auth/session";
import { recordScanEvent } from "@/lib/scan/scan-events";
import { sampleImportContext } from "@/lib/samples/import/page-context";
import { createSample } from "@/lib/samples/create-sample";
import { createApiToken, listApiTokens } from "@/lib/tokens/api-tokens";
import { createTray } from "@/lib/trays/create-tray";
import { listUsers } from "@/lib/auth/users";
import { systemCaller, tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

/**
 * Who may do what: every server action, route handler and page read × every kind of caller, each
 * cell asserted. A server action or route handler added without a row here fails the last test.
 */
vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn(), requireUser: vi.fn() }));
// A SciCat target (never reached: nothing delivers here), so that the publishing actions act.
Object.assign(process.env, { SCICAT_PUBLISH_URL: "http://127.0.0.1:9/api/v3", SCICAT_PUBLISH_TOKEN: "matrix" });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const tokenActions = await import("@/lib/tokens/actions");
const userActions = await import("@/lib/users/actions");
const publishingActions = await import("@/lib/publishing/actions");
const proposalPublicationRoute = await import("@/app/api/v1/proposals/[proposalId]/publication/route");
const samplePublicationRoute = await import("@/app/api/v1/samples/[specimenId]/publication/route");
const datasetPublicationRoute = await import("@/app/api/v1/datasets/[pid]/publication/route");
const publicationsRoute = await import("@/app/api/v1/publications/route");
const proposalActions = await import("@/lib/proposals/actions");
const trayActions = await import("@/lib/trays/actions");
const sampleActions = await import("@/lib/samples/actions");
const whoamiRoute = await import("@/app/api/v1/whoami/route");
const sciCatExportRoute = await import("@/app/proposals/[proposalId]/scicat.json/route");
const elnExportRoute = await import("@/app/proposals/[proposalId]/export.eln/route");
const apiElnExportRoute = await import("@/app/api/v1/proposals/[proposalId]/export.eln/route");
const labelsRoute = await import("@/app/proposals/[proposalId]/labels.pdf/route");
const importActions = await import("@/lib/samples/import/actions");
const samplesCsvRoute = await import("@/app/proposals/[proposalId]/samples.csv/route");
const templateRoute = await import("@/app/proposals/samples-template.csv/route");
const scanActions = await import("@/lib/scan/actions");
const resolveRoute = await import("@/app/api/v1/resolve/route");
const suggestionsRoute = await import("@/app/api/v1/resolve/suggestions/route");
const eventsRoute = await import("@/app/api/v1/sample-events/route");
const eventRoute = await import("@/app/api/v1/sample-events/[eventId]/route");
const datasetsRoute = await import("@/app/api/v1/datasets/route");
const datasetRoute = await import("@/app/api/v1/datasets/[pid]/route");
const datablocksRoute = await import("@/app/api/v1/datasets/[pid]/origdatablocks/route");
const apiSampleRoute = await import("@/app/api/v1/samples/[specimenId]/route");
const apiSampleDatasetsRoute = await import("@/app/api/v1/samples/[specimenId]/datasets/route");
const apiProposalsRoute = await import("@/app/api/v1/proposals/route");
const apiProposalRoute = await import("@/app/api/v1/proposals/[proposalId]/route");
const apiTrayRoute = await import("@/app/api/v1/trays/[trayId]/route");
const openApiRoute = await import("@/app/api/v1/openapi.json/route");
const apiReferenceRoute = await import("@/app/docs/api/reference/route");
const scalarBundleRoute = await import("@/app/docs/api/reference/scalar.js/route");
const metricsRoute = await import("@/app/metrics/route");
const healthRoute = await import("@/app/api/health/route");
const readyRoute = await import("@/app/api/ready/route");
const unknownApiRoute = await import("@/app/api/v1/[...unknown]/route");
const sciCatRoute = await import("@/app/api/v3/[...path]/route");
const sciCatV4Route = await import("@/app/api/v4/[...path]/route");

type CallerName = "anonymous" | "otherUser" | "member" | "staff" | "admin" | "tokenWithScope" | "tokenWithoutScope";
type Outcome = "ok" | 401 | 403 | 404 | 409 | 422 | 500;
type Cells = Record<CallerName, Outcome>;
type Who = { name: CallerName; caller: Caller; token?: string };

type Operation = {
  name: string;
  /** The scopes "token with scope" carries; "token without scope" carries a different one. */
  scope: Scope | Scope[];
  run: (who: Who) => Promise<Outcome>;
  expected: Cells;
};

async function outcomeOf(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    await work();
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.status as Outcome;
    throw error;
  }
}

/** Server actions see only the browser session; an API token is no session. */
function asSession(who: Who) {
  vi.mocked(currentCaller).mockResolvedValue(who.caller.kind === "token" ? { kind: "anonymous" } : who.caller);
}

async function action(who: Who, run: () => Promise<{ status: string; code?: number }>): Promise<Outcome> {
  asSession(who);
  const result = await run();
  return result.status === "ok" ? "ok" : (result.code as Outcome);
}

async function route<Params>(
  who: Who,
  handler: (request: Request, context: { params: Promise<Params> }) => Promise<Response>,
  url: string,
  params: Params,
  init: { method?: string; json?: unknown } = {},
): Promise<Outcome> {
  asSession(who);
  const headers: Record<string, string> = who.token ? { authorization: `Bearer ${who.token}` } : {};
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const request = new Request(`http://localhost${url}`, { method: init.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(params) });
  return response.status === 200 || response.status === 201 ? "ok" : (response.status as Outcome);
}

const staffOnlyAction: Cells = {
  anonymous: 401,
  otherUser: 403,
  member: 403,
  staff: "ok",
  admin: "ok",
  tokenWithScope: 401,
  tokenWithoutScope: 401,
};

/** Reads through the API: the caller's own proposals, everything for staff, tokens by scope. */
const readerCells = (otherUser: Outcome): Cells => ({
  anonymous: 401,
  otherUser,
  member: "ok",
  staff: "ok",
  admin: "ok",
  tokenWithScope: "ok",
  tokenWithoutScope: 403,
});
const seededPid = `demo/${demo.proposalId}/scan_0001`;

/** Changes with staff-level reach (datasets, instruments): staff, admins, tokens by scope. */
const staffOrScopeWrite: Cells = {
  anonymous: 401,
  otherUser: 403,
  member: 403,
  staff: "ok",
  admin: "ok",
  tokenWithScope: "ok",
  tokenWithoutScope: 403,
};

/** Routes that do not exist answer the same to anyone, before authentication. */
const notFoundForAnyone: Cells = {
  anonymous: 404,
  otherUser: 404,
  member: 404,
  staff: 404,
  admin: 404,
  tokenWithScope: 404,
  tokenWithoutScope: 404,
};

/** Recording and undoing sample events: staff, admins, tokens with events:write. */
const staffOrEventsToken: Cells = {
  anonymous: 401,
  otherUser: 403,
  member: 403,
  staff: "ok",
  admin: "ok",
  tokenWithScope: "ok",
  tokenWithoutScope: 403,
};

/** Changing a proposal's content: its members and admins; staff may read it but not change it. */
const memberAction: Cells = {
  anonymous: 401,
  otherUser: 404,
  member: "ok",
  staff: 403,
  admin: "ok",
  tokenWithScope: 401,
  tokenWithoutScope: 401,
};
const anyUserAction: Cells = {
  anonymous: 401,
  otherUser: "ok",
  member: "ok",
  staff: "ok",
  admin: "ok",
  tokenWithScope: 401,
  tokenWithoutScope: 401,
};
const proposalFields = (proposalId: string) => ({ proposalId, title: "Matrix", piEmail: "ada.lovelace@example.org" });

let tokenToRevoke = "";
const operations: Operation[] = [
  {
    name: "server action createProposalAction",
    scope: "proposals:write",
    run: (who) => action(who, () => proposalActions.createProposalAction(proposalFields(`M-${who.name}`))),
    expected: anyUserAction,
  },
  {
    name: "server action importSciCatProposalAction",
    scope: "proposals:write",
    run: (who) =>
      action(who, () =>
        proposalActions.importSciCatProposalAction(
          JSON.stringify({ proposalId: `SC-${who.name}`, title: "From SciCat" }),
        ),
      ),
    expected: anyUserAction,
  },
  {
    name: "server action updateProposalAction",
    scope: "proposals:write",
    run: (who) =>
      action(who, () =>
        proposalActions.updateProposalAction(demo.proposalId, {
          ...proposalFields(demo.proposalId),
          members: [{ email: "ada.lovelace@example.org", role: "PI" }],
        }),
      ),
    expected: memberAction,
  },
  {
    name: "server action createTrayAction",
    scope: "samples:write",
    run: (who) =>
      action(who, () => trayActions.createTrayAction(demo.proposalId, { name: `by ${who.name}`, rows: 1, columns: 4 })),
    expected: memberAction,
  },
  {
    name: "server action updateTrayAction",
    scope: "samples:write",
    run: (who) =>
      action(who, () =>
        trayActions.updateTrayAction(demo.proposalId, "T-DEMO-B", {
          name: `renamed by ${who.name}`,
          rows: 4,
          columns: 6,
        }),
      ),
    expected: memberAction,
  },
  {
    name: "server action deleteTrayAction",
    scope: "samples:write",
    run: async (who) => {
      const tray = await createTray(systemCaller, demo.proposalId, {
        name: `to delete by ${who.name}`,
        rows: 1,
        columns: 2,
      });
      return action(who, () => trayActions.deleteTrayAction(demo.proposalId, tray.trayId, "refuse"));
    },
    expected: memberAction,
  },
  {
    name: "server action createSampleAction",
    scope: "samples:write",
    run: (who) =>
      action(who, () => sampleActions.createSampleAction(demo.proposalId, { specimenName: `by ${who.name}` })),
    expected: memberAction,
  },
  {
    name: "server action updateSampleAction",
    scope: "samples:write",
    run: (who) =>
      action(who, () =>
        sampleActions.updateSampleAction(demo.proposalId, "S-DEMO-04", {
          specimenName: `renamed by ${who.name}`,
          trayId: "T-DEMO-A",
        }),
      ),
    expected: memberAction,
  },
  {
    name: "server action deleteSampleAction",
    scope: "samples:write",
    run: async (who) => {
      const sample = await createSample(systemCaller, demo.proposalId, { specimenName: `to delete by ${who.name}` });
      return action(who, () => sampleActions.deleteSampleAction(demo.proposalId, sample.specimenId));
    },
    expected: memberAction,
  },
  {
    name: "route POST /proposals/[proposalId]/labels.pdf",
    scope: "samples:read",
    run: async (who) => {
      asSession(who);
      const headers: Record<string, string> = {
        "content-type": "application/json",
        ...(who.token ? { authorization: `Bearer ${who.token}` } : {}),
      };
      const body = JSON.stringify({
        templateId: "a4-5x13-avery-l7651",
        samples: "selected",
        specimenIds: ["S-DEMO-05"],
      });
      const response = await labelsRoute.POST(
        new Request(`http://localhost/proposals/${demo.proposalId}/labels.pdf`, { method: "POST", headers, body }),
        {
          params: Promise.resolve({ proposalId: demo.proposalId }),
        },
      );
      return response.status === 200 ? "ok" : (response.status as Outcome);
    },
    expected: {
      anonymous: 401,
      otherUser: 404,
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "server action previewImportAction",
    scope: "samples:write",
    run: (who) => action(who, () => importActions.previewImportAction(demo.proposalId, "Name\tTray\nx\tT-DEMO-B")),
    expected: memberAction,
  },
  {
    name: "server action importSamplesAction",
    scope: "samples:write",
    run: (who) =>
      action(who, () =>
        importActions.importSamplesAction(demo.proposalId, `Name\n${who.name} import`, { Name: "specimenName" }),
      ),
    expected: memberAction,
  },
  {
    name: "page /proposals/[proposalId]/samples/import: sampleImportContext",
    scope: "samples:write",
    run: (who) => outcomeOf(() => sampleImportContext(who.caller, demo.proposalId)),
    expected: {
      anonymous: 401,
      otherUser: 404,
      member: "ok",
      staff: 403,
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "route GET /proposals/[proposalId]/samples.csv",
    scope: "samples:read",
    run: (who) =>
      route(who, samplesCsvRoute.GET, `/proposals/${demo.proposalId}/samples.csv`, { proposalId: demo.proposalId }),
    expected: {
      anonymous: 401,
      otherUser: 404,
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "route GET /proposals/samples-template.csv",
    scope: "samples:read",
    run: (who) => route(who, templateRoute.GET, "/proposals/samples-template.csv", {}),
    expected: {
      anonymous: 401,
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: "ok",
    },
  },
  {
    name: "route GET /api/v1/resolve",
    scope: "samples:read",
    run: (who) => route(who, resolveRoute.GET, "/api/v1/resolve?code=S-DEMO-01", {}),
    // Another user learns that the scanned label exists, never what it is (decision 007).
    expected: {
      anonymous: 401,
      otherUser: 403,
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "route GET /api/v1/resolve/suggestions",
    scope: "samples:read",
    run: (who) => route(who, suggestionsRoute.GET, "/api/v1/resolve/suggestions?q=S-DEMO", {}),
    expected: {
      anonymous: 401,
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "route POST /api/v1/sample-events",
    scope: "events:write",
    run: (who) =>
      route(
        who,
        eventsRoute.POST,
        "/api/v1/sample-events",
        {},
        { method: "POST", json: { code: "S-DEMO-05", kind: "received" } },
      ),
    expected: staffOrEventsToken,
  },
  {
    name: "route DELETE /api/v1/sample-events/[eventId]",
    scope: "events:write",
    run: async (who) => {
      const recorded = await recordScanEvent(systemCaller, { code: "S-DEMO-06", kind: "received" });
      const eventId = recorded.events[0].id;
      return route(who, eventRoute.DELETE, `/api/v1/sample-events/${eventId}`, { eventId }, { method: "DELETE" });
    },
    expected: staffOrEventsToken,
  },
  {
    name: "server action recordScanEventAction",
    scope: "events:write",
    run: (who) => action(who, () => scanActions.recordScanEventAction("S-DEMO-05", "mounted")),
    expected: staffOnlyAction,
  },
  {
    name: "server action undoScanEventAction",
    scope: "events:write",
    run: async (who) => {
      const recorded = await recordScanEvent(systemCaller, { code: "S-DEMO-06", kind: "measured" });
      return action(who, () => scanActions.undoScanEventAction(recorded.events[0].id));
    },
    expected: staffOnlyAction,
  },
  {
    name: "route POST /api/v1/datasets",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        datasetsRoute.POST,
        "/api/v1/datasets",
        {},
        {
          method: "POST",
          json: { pid: `matrix/${who.name}`, datasetName: "scan", sourceFolder: "/data/scan", sampleId: "S-DEMO-04" },
        },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route GET /api/v1/datasets",
    scope: "datasets:read",
    run: (who) => route(who, datasetsRoute.GET, "/api/v1/datasets", {}),
    expected: readerCells("ok"),
  },
  {
    name: "route GET /api/v1/datasets/[pid]",
    scope: "datasets:read",
    run: (who) =>
      route(who, datasetRoute.GET, `/api/v1/datasets/${encodeURIComponent(seededPid)}`, {
        pid: encodeURIComponent(seededPid),
      }),
    expected: readerCells(404),
  },
  {
    name: "route PATCH /api/v1/datasets/[pid]",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        datasetRoute.PATCH,
        `/api/v1/datasets/${encodeURIComponent(seededPid)}`,
        { pid: encodeURIComponent(seededPid) },
        {
          method: "PATCH",
          json: { description: `checked by ${who.name}` },
        },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route POST /api/v1/datasets/[pid]/origdatablocks",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        datablocksRoute.POST,
        `/api/v1/datasets/${encodeURIComponent(seededPid)}/origdatablocks`,
        { pid: encodeURIComponent(seededPid) },
        {
          method: "POST",
          json: { dataFileList: [{ path: `${who.name}.tif`, size: 10 }] },
        },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route GET /api/v1/samples/[specimenId]",
    scope: "samples:read",
    run: (who) => route(who, apiSampleRoute.GET, "/api/v1/samples/S-DEMO-01", { specimenId: "S-DEMO-01" }),
    expected: readerCells(404),
  },
  {
    name: "route GET /api/v1/samples/[specimenId]/datasets",
    scope: "datasets:read",
    run: (who) =>
      route(who, apiSampleDatasetsRoute.GET, "/api/v1/samples/S-DEMO-01/datasets", { specimenId: "S-DEMO-01" }),
    expected: readerCells(404),
  },
  {
    name: "route GET /api/v1/proposals",
    scope: "proposals:read",
    run: (who) => route(who, apiProposalsRoute.GET, "/api/v1/proposals", {}),
    expected: readerCells("ok"),
  },
  {
    name: "route GET /api/v1/proposals/[proposalId]",
    scope: "proposals:read",
    run: (who) =>
      route(who, apiProposalRoute.GET, `/api/v1/proposals/${demo.proposalId}`, { proposalId: demo.proposalId }),
    expected: readerCells(404),
  },
  {
    name: "route GET /api/v1/trays/[trayId]",
    scope: "samples:read",
    run: (who) => route(who, apiTrayRoute.GET, "/api/v1/trays/T-DEMO-B", { trayId: "T-DEMO-B" }),
    expected: readerCells(404),
  },
  ...(
    [
      ["route GET /api/health", () => Promise.resolve(healthRoute.GET())],
      ["route GET /api/ready", () => readyRoute.GET()],
    ] as const
  ).map(([name, probe]): Operation => ({
    name,
    scope: "samples:read",
    // Probes answer everyone, with no data: load balancers and Kubernetes call them without credentials.
    run: async (who) => {
      asSession(who);
      return (await probe()).status === 200 ? "ok" : 500;
    },
    expected: {
      anonymous: "ok",
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: "ok",
    },
  })),
  {
    name: "route GET /api/v1/openapi.json",
    scope: "samples:read",
    run: async (who) => {
      asSession(who);
      return (await openApiRoute.GET()).status === 200 ? "ok" : 500;
    },
    expected: {
      anonymous: "ok",
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: "ok",
    },
  },
  // Prometheus' target answers to METRICS_TOKEN only, never to a session or an API token: without
  // the variable (as here) it does not exist (tests/integration/observability.test.ts has the token).
  {
    name: "route GET /metrics",
    scope: "samples:read",
    run: async (who) => {
      asSession(who);
      const response = await metricsRoute.GET(new Request("http://localhost/metrics"));
      return response.status === 200 ? "ok" : (response.status as 404);
    },
    expected: {
      anonymous: 404,
      otherUser: 404,
      member: 404,
      staff: 404,
      admin: 404,
      tokenWithScope: 404,
      tokenWithoutScope: 404,
    },
  },
  // The interactive reference and Scalar's bundle: public like the document they show.
  ...[
    {
      name: "route GET /docs/api/reference",
      get: () => apiReferenceRoute.GET(new Request("http://localhost/docs/api/reference")),
    },
    { name: "route GET /docs/api/reference/scalar.js", get: () => scalarBundleRoute.GET() },
  ].map(({ name, get }): Operation => ({
    name,
    scope: "samples:read",
    run: async (who) => {
      asSession(who);
      return (await get()).status === 200 ? "ok" : 500;
    },
    expected: {
      anonymous: "ok",
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: "ok",
    },
  })),
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method): Operation => ({
    name: `route ${method} /api/v1/[...unknown]`,
    scope: "samples:read",
    run: (who) =>
      route(who, unknownApiRoute[method], "/api/v1/nothing/here", { unknown: ["nothing", "here"] }, { method }),
    expected: notFoundForAnyone,
  })),
  {
    name: "route POST /api/v3/[...path] (SciCat POST Datasets)",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        sciCatRoute.POST,
        "/api/v3/Datasets",
        { path: ["Datasets"] },
        {
          method: "POST",
          json: {
            pid: `matrix/v3/${who.name}`,
            datasetName: "scan",
            sourceFolder: "/data/scan",
            sampleId: "S-DEMO-04",
          },
        },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route GET /api/v3/[...path] (SciCat GET Datasets/{pid})",
    scope: "datasets:read",
    run: (who) =>
      route(who, sciCatRoute.GET, `/api/v3/Datasets/${encodeURIComponent(seededPid)}`, {
        path: ["Datasets", seededPid],
      }),
    expected: readerCells(404),
  },
  {
    name: "route PATCH /api/v3/[...path] (SciCat PATCH Datasets/{pid})",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        sciCatRoute.PATCH,
        `/api/v3/Datasets/${encodeURIComponent(seededPid)}`,
        { path: ["Datasets", seededPid] },
        { method: "PATCH", json: { description: `checked through v3 by ${who.name}` } },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route PATCH /api/v3/[...path] (SciCat PATCH Samples/{sampleId}: read, then change)",
    scope: "samples:write",
    run: (who) =>
      route(
        who,
        sciCatRoute.PATCH,
        "/api/v3/Samples/S-DEMO-04",
        { path: ["Samples", "S-DEMO-04"] },
        { method: "PATCH", json: { description: `described through v3 by ${who.name}` } },
      ),
    // A token needs samples:read as well (the patch starts from the stored sample).
    expected: { ...memberAction, tokenWithScope: 403, tokenWithoutScope: 403 },
  },
  ...(
    [
      [3, sciCatRoute],
      [4, sciCatV4Route],
    ] as const
  ).flatMap(([version, module]) =>
    (["PUT", "DELETE"] as const).map((method): Operation => ({
      name: `route ${method} /api/v${version}/[...path] (outside the SciCat API)`,
      scope: "datasets:write",
      run: (who) =>
        route(
          who,
          module[method],
          `/api/v${version}/datasets/${encodeURIComponent(seededPid)}`,
          { path: ["datasets", seededPid] },
          { method },
        ),
      expected: notFoundForAnyone,
    })),
  ),
  {
    name: "route POST /api/v4/[...path] (SciCat v4 POST datasets)",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        sciCatV4Route.POST,
        "/api/v4/datasets",
        { path: ["datasets"] },
        {
          method: "POST",
          json: {
            pid: `matrix/v4/${who.name}`,
            datasetName: "scan",
            sourceFolder: "/data/scan",
            sampleIds: ["S-DEMO-04"],
          },
        },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route GET /api/v4/[...path] (SciCat v4 GET datasets/{pid} with origdatablocks and attachments)",
    scope: "datasets:read",
    run: (who) =>
      route(
        who,
        sciCatV4Route.GET,
        `/api/v4/datasets/${encodeURIComponent(seededPid)}?include=origdatablocks&include=attachments`,
        { path: ["datasets", seededPid] },
      ),
    expected: readerCells(404),
  },
  {
    name: "route PATCH /api/v4/[...path] (SciCat v4 PATCH datasets/{pid})",
    scope: "datasets:write",
    run: (who) =>
      route(
        who,
        sciCatV4Route.PATCH,
        `/api/v4/datasets/${encodeURIComponent(seededPid)}`,
        { path: ["datasets", seededPid] },
        { method: "PATCH", json: { description: `checked through v4 by ${who.name}` } },
      ),
    expected: staffOrScopeWrite,
  },
  {
    name: "route GET /proposals/[proposalId]/scicat.json",
    scope: "proposals:read",
    run: (who) =>
      route(who, sciCatExportRoute.GET, `/proposals/${demo.proposalId}/scicat.json`, { proposalId: demo.proposalId }),
    expected: {
      anonymous: 401,
      otherUser: 404,
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  // An .eln file holds the proposal, its samples and its datasets: a token needs all three read scopes.
  ...(
    [
      ["route GET /proposals/[proposalId]/export.eln", elnExportRoute.GET, "/proposals"],
      ["route GET /api/v1/proposals/[proposalId]/export.eln", apiElnExportRoute.GET, "/api/v1/proposals"],
    ] as const
  ).map(([name, handler, base]): Operation => ({
    name,
    scope: ["proposals:read", "samples:read", "datasets:read"],
    run: (who) => route(who, handler, `${base}/${demo.proposalId}/export.eln`, { proposalId: demo.proposalId }),
    expected: readerCells(404),
  })),
  {
    name: "route GET /api/v1/proposals/[proposalId]/publication",
    scope: "proposals:read",
    run: (who) =>
      route(who, proposalPublicationRoute.GET, `/api/v1/proposals/${demo.proposalId}/publication`, {
        proposalId: demo.proposalId,
      }),
    expected: readerCells(404),
  },
  {
    name: "route GET /api/v1/samples/[specimenId]/publication",
    scope: "samples:read",
    run: (who) =>
      route(who, samplePublicationRoute.GET, "/api/v1/samples/S-DEMO-01/publication", { specimenId: "S-DEMO-01" }),
    expected: readerCells(404),
  },
  {
    name: "route GET /api/v1/datasets/[pid]/publication",
    scope: "datasets:read",
    run: (who) =>
      route(who, datasetPublicationRoute.GET, `/api/v1/datasets/${encodeURIComponent(seededPid)}/publication`, {
        pid: encodeURIComponent(seededPid),
      }),
    expected: readerCells(404),
  },
  {
    name: "route GET /api/v1/publications",
    scope: ["proposals:read", "samples:read", "datasets:read"],
    run: (who) => route(who, publicationsRoute.GET, "/api/v1/publications", {}),
    expected: { ...staffOnlyAction, tokenWithScope: 403, tokenWithoutScope: 403 },
  },
  {
    name: "server action setProposalPublishingAction",
    scope: "proposals:write",
    run: (who) => action(who, () => publishingActions.setProposalPublishingAction(demo.proposalId, true)),
    expected: staffOnlyAction,
  },
  {
    name: "server action retryPublicationAction",
    scope: "proposals:write",
    run: (who) => action(who, () => publishingActions.retryPublicationAction()),
    expected: staffOnlyAction,
  },
  {
    name: "server action republishEverythingAction",
    scope: "proposals:write",
    run: (who) => action(who, () => publishingActions.republishEverythingAction()),
    expected: { ...staffOnlyAction, staff: 403 },
  },
  {
    name: "server action createTokenAction",
    scope: "datasets:write",
    run: (who) =>
      action(who, () => tokenActions.createTokenAction({ name: `by ${who.name}`, scopes: ["samples:read"] })),
    expected: staffOnlyAction,
  },
  {
    name: "server action revokeTokenAction",
    scope: "datasets:write",
    run: async (who) => {
      const { record } = await createApiToken(systemCaller, {
        name: `to revoke by ${who.name}`,
        scopes: ["samples:read"],
      });
      tokenToRevoke = record.id;
      return action(who, () => tokenActions.revokeTokenAction(tokenToRevoke));
    },
    expected: staffOnlyAction,
  },
  {
    name: "server action signOutUserAction",
    scope: "datasets:write",
    run: (who) =>
      action(who, () => userActions.signOutUserAction(users.otherUser.kind === "user" ? users.otherUser.id : "")),
    expected: {
      anonymous: 401,
      otherUser: 403,
      member: 403,
      staff: 403,
      admin: "ok",
      tokenWithScope: 401,
      tokenWithoutScope: 401,
    },
  },
  {
    name: "route GET /api/v1/whoami",
    scope: "samples:read",
    run: (who) => route(who, whoamiRoute.GET, "/api/v1/whoami", {}),
    expected: {
      anonymous: 401,
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: "ok",
    },
  },
  {
    name: "page / and /proposals: listProposals",
    scope: "proposals:read",
    run: (who) => outcomeOf(() => listProposals(who.caller)),
    expected: {
      anonymous: 401,
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "page /: listUpcomingBeamtimes",
    scope: "proposals:read",
    run: (who) => outcomeOf(() => listUpcomingBeamtimes(who.caller)),
    expected: {
      anonymous: 401,
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "page /proposals/[proposalId]: getProposal",
    scope: "proposals:read",
    run: (who) => outcomeOf(() => getProposal(who.caller, demo.proposalId)),
    expected: {
      anonymous: 401,
      otherUser: 404,
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: 403,
    },
  },
  {
    name: "page /admin/tokens: listApiTokens",
    scope: "datasets:write",
    run: (who) => outcomeOf(() => listApiTokens(who.caller)),
    expected: {
      anonymous: 401,
      otherUser: 403,
      member: 403,
      staff: "ok",
      admin: "ok",
      tokenWithScope: 403,
      tokenWithoutScope: 403,
    },
  },
  {
    name: "page /admin/users: listUsers",
    scope: "datasets:write",
    run: (who) => outcomeOf(() => listUsers(who.caller)),
    expected: {
      anonymous: 401,
      otherUser: 403,
      member: 403,
      staff: 403,
      admin: "ok",
      tokenWithScope: 403,
      tokenWithoutScope: 403,
    },
  },
  {
    name: "page /admin/tokens: listInstruments",
    scope: "samples:read",
    run: (who) => outcomeOf(() => listInstruments(who.caller)),
    expected: {
      anonymous: 401,
      otherUser: "ok",
      member: "ok",
      staff: "ok",
      admin: "ok",
      tokenWithScope: "ok",
      tokenWithoutScope: "ok",
    },
  },
];

/** Server actions that are authentication itself: anyone may call them, and they touch no data. */
const publicByDesign = [
  "signInWithProvider",
  "signInWithLdap",
  "signOutAction",
  "GET /api/auth/[...nextauth]",
  "POST /api/auth/[...nextauth]",
];

let database: Database;
let users: Record<"otherUser" | "member" | "staff" | "admin", Caller>;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  users = {
    otherUser: await userCaller("grace", "USER", { email: "grace.hopper@example.org" }),
    // Invited by email in the demo proposal; linked to the account by that email.
    member: await userCaller("ada", "USER", { email: "ada.lovelace@example.org" }),
    staff: await userCaller("sam", "STAFF"),
    admin: await userCaller("alex", "ADMIN"),
  };
});
afterAll(() => database.close());

describe(`authorization matrix (${databaseTier()})`, () => {
  for (const operation of operations) {
    it(operation.name, async () => {
      const scopes = [operation.scope].flat();
      const otherScope: Scope = scopes.includes("samples:read") ? "events:write" : "samples:read";
      const withScope = await tokenCaller(scopes);
      const withoutScope = await tokenCaller([otherScope]);
      const everyone: Who[] = [
        { name: "anonymous", caller: { kind: "anonymous" } },
        { name: "otherUser", caller: users.otherUser },
        { name: "member", caller: users.member },
        { name: "staff", caller: users.staff },
        { name: "admin", caller: users.admin },
        { name: "tokenWithScope", caller: withScope.caller, token: withScope.token },
        { name: "tokenWithoutScope", caller: withoutScope.caller, token: withoutScope.token },
      ];
      const actual = {} as Cells;
      for (const who of everyone) actual[who.name] = await operation.run(who);
      expect(actual).toEqual(operation.expected);
    });
  }

  it("answers a malformed JSON body to labels.pdf with 400, not 500", async () => {
    asSession({ name: "member", caller: users.member });
    const response = await labelsRoute.POST(
      new Request(`http://localhost/proposals/${demo.proposalId}/labels.pdf`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{templateId:",
      }),
      { params: Promise.resolve({ proposalId: demo.proposalId }) },
    );
    expect({ status: response.status, json: await response.json() }).toEqual({
      status: 400,
      json: { error: "The request body is not JSON" },
    });
  });

  it("covers every server action and route handler of the app", () => {
    // Route handlers live in app/ (route.ts), server actions in lib/<feature>/actions.ts.
    const files: string[] = [];
    const walk = (dir: string, pattern: RegExp) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full, pattern);
        else if (pattern.test(entry)) files.push(full);
      }
    };
    walk(path.resolve("app"), /^(actions|route)\.tsx?$/);
    walk(path.resolve("lib"), /^actions\.ts$/);
    const exported = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const names = [...source.matchAll(/export (?:async function|const) (\w+)/g)].map((match) => match[1]);
      const handlers = [...source.matchAll(/export const \{ ([\w, ]+) \}/g)].flatMap((match) => match[1].split(/,\s*/));
      const routePath = "/" + path.relative(path.resolve("app"), path.dirname(file)).split(path.sep).join("/");
      return file.endsWith("route.ts") ? [...names, ...handlers].map((method) => `${method} ${routePath}`) : names;
    });
    expect(exported).toEqual(
      expect.arrayContaining([
        "createTokenAction",
        "signInWithLdap",
        "createProposalAction",
        "importSamplesAction",
        "recordScanEventAction",
        "deleteTrayAction",
        "GET /api/v1/whoami",
        "POST /api/auth/[...nextauth]",
      ]),
    );
    const covered = operations.map((operation) => operation.name);
    const missing = exported.filter(
      (name) =>
        !publicByDesign.includes(name) &&
        !covered.some((entry) => entry.includes(`action ${name}`) || entry.includes(`route ${name}`)),
    );
    expect(missing).toEqual([]);
  });
});
