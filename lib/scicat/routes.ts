import "server-only";
import { NextResponse } from "next/server";
import { callerFromRequest, errorResponse } from "@/lib/http/api-route";
import { jsonBody } from "@/lib/http/request";
import { observeRequest } from "@/lib/http/request-log";
import { anonymous, type Caller } from "@/lib/auth/caller";
import { clientAddress } from "@/lib/auth/client-address";
import { requireSignedIn } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/shared/errors";
import {
  createSciCatAttachment,
  deleteSciCatAttachment,
  findSciCatAttachments,
  getSciCatAttachment,
  listSciCatAttachments,
} from "./attachments";
import type { SciCatVersion } from "./dataset-documents";
import { jsonParameter } from "./dataset-filters";
import {
  addSciCatOrigDatablock,
  countSciCatDatasets,
  createSciCatDataset,
  findOneSciCatDataset,
  findSciCatOrigDatablocks,
  findSciCatDatasets,
  fullquerySciCatDatasets,
  getSciCatDataset,
  listSciCatOrigDatablocks,
  parseInclude,
  updateSciCatDataset,
  validateSciCatDataset,
} from "./datasets";
import { parseFilter } from "./filters";
import {
  createSciCatInstrument,
  findOneSciCatInstrument,
  findSciCatInstruments,
  getSciCatInstrument,
  updateSciCatInstrument,
} from "./instruments";
import { loginFunctionalAccount } from "./login";
import { createSciCatProposal, findSciCatProposals, getSciCatProposal, updateSciCatProposal } from "./proposals";
import { createSciCatSample, findSciCatSamples, getSciCatSample, updateSciCatSample } from "./samples";

type Call = { request: Request; caller: Caller; ids: string[]; version: SciCatVersion };
type Route = {
  method: string;
  /** Lower-case path segments; `{id}` stands for one (URL-encoded) identifier. */
  path: string[];
  handler: (call: Call) => Promise<unknown>;
  status?: number;
  /** Login needs no caller, and an expired token sent along must not stop it. */
  public?: true;
  /** The API versions that have this route (both, when left out). */
  versions?: SciCatVersion[];
};

const created = (body: unknown) => NextResponse.json(body, { status: 201 });
/** SciCat answers a findOne that finds nothing with an empty 200. */
const orEmpty = (found: unknown) => (found === null ? new NextResponse(null, { status: 200 }) : found);

const ownerKinds = { datasets: "dataset", samples: "sample", proposals: "proposal" } as const;

/** Attachments under their owner's path (v3): Datasets/{pid}/attachments, Samples/…, Proposals/…. */
const attachmentRoutes: Route[] = Object.entries(ownerKinds).flatMap(([segment, kind]): Route[] => [
  {
    method: "POST",
    path: [segment, "{id}", "attachments"],
    handler: async ({ request, caller, ids: [id], version }) =>
      created(await createSciCatAttachment(caller, await jsonBody(request), version, { kind, id })),
  },
  {
    method: "GET",
    path: [segment, "{id}", "attachments"],
    handler: ({ caller, ids: [id], version }) => listSciCatAttachments(caller, { kind, id }, version),
  },
  {
    method: "GET",
    path: [segment, "{id}", "attachments", "{id}"],
    handler: ({ caller, ids: [id, aid], version }) => getSciCatAttachment(caller, aid, version, { kind, id }),
  },
  {
    method: "DELETE",
    path: [segment, "{id}", "attachments", "{id}"],
    handler: ({ caller, ids: [id, aid], version }) => deleteSciCatAttachment(caller, aid, version, { kind, id }),
  },
]);

const routes: Route[] = [
  {
    method: "POST",
    path: ["auth", "login"],
    public: true,
    handler: async ({ request }) =>
      created(await loginFunctionalAccount(await jsonBody(request), clientAddress(request.headers))),
  },
  {
    method: "POST",
    path: ["datasets"],
    handler: async ({ request, caller, version }) => {
      const result = await createSciCatDataset(caller, await jsonBody(request), version);
      return NextResponse.json(result.dataset, { status: result.created ? 201 : 200 });
    },
  },
  {
    method: "POST",
    path: ["datasets", "isvalid"],
    handler: async ({ request, caller }) => {
      requireSignedIn(caller);
      return validateSciCatDataset(await jsonBody(request));
    },
  },
  {
    method: "GET",
    path: ["datasets"],
    handler: ({ request, caller, version }) => findSciCatDatasets(caller, parseFilter(request), version),
  },
  {
    method: "GET",
    path: ["datasets", "fullquery"],
    handler: ({ request, caller, version }) =>
      fullquerySciCatDatasets(caller, jsonParameter(request, "fields"), jsonParameter(request, "limits"), version),
  },
  {
    method: "GET",
    path: ["datasets", "count"],
    handler: ({ request, caller }) => countSciCatDatasets(caller, parseFilter(request)),
  },
  {
    method: "GET",
    path: ["datasets", "findone"],
    handler: async ({ request, caller, version }) =>
      orEmpty(await findOneSciCatDataset(caller, parseFilter(request), version)),
  },
  {
    method: "GET",
    path: ["datasets", "{id}"],
    handler: ({ request, caller, ids: [pid], version }) =>
      getSciCatDataset(caller, pid, version, parseInclude(new URL(request.url).searchParams.getAll("include"))),
  },
  {
    method: "PATCH",
    path: ["datasets", "{id}"],
    handler: async ({ request, caller, ids: [pid], version }) =>
      updateSciCatDataset(caller, pid, await jsonBody(request), version),
  },
  {
    method: "POST",
    path: ["datasets", "{id}", "origdatablocks"],
    handler: async ({ request, caller, ids: [pid] }) =>
      created(await addSciCatOrigDatablock(caller, pid, await jsonBody(request))),
  },
  {
    method: "GET",
    path: ["datasets", "{id}", "origdatablocks"],
    handler: ({ caller, ids: [pid] }) => listSciCatOrigDatablocks(caller, pid),
  },
  {
    method: "GET",
    path: ["origdatablocks"],
    handler: ({ request, caller }) => findSciCatOrigDatablocks(caller, parseFilter(request)),
  },
  {
    method: "POST",
    path: ["origdatablocks"],
    versions: [4],
    handler: async ({ request, caller }) =>
      created(await addSciCatOrigDatablock(caller, undefined, await jsonBody(request))),
  },
  ...attachmentRoutes,
  {
    method: "POST",
    path: ["attachments"],
    versions: [4],
    handler: async ({ request, caller, version }) =>
      created(await createSciCatAttachment(caller, await jsonBody(request), version)),
  },
  {
    method: "GET",
    path: ["attachments"],
    versions: [4],
    handler: ({ request, caller, version }) => findSciCatAttachments(caller, parseFilter(request), version),
  },
  {
    method: "GET",
    path: ["attachments", "{id}"],
    versions: [4],
    handler: ({ caller, ids: [aid], version }) => getSciCatAttachment(caller, aid, version),
  },
  {
    method: "DELETE",
    path: ["attachments", "{id}"],
    versions: [4],
    handler: ({ caller, ids: [aid], version }) => deleteSciCatAttachment(caller, aid, version),
  },
  {
    method: "POST",
    path: ["samples"],
    status: 201,
    handler: async ({ request, caller }) => createSciCatSample(caller, await jsonBody(request)),
  },
  {
    method: "GET",
    path: ["samples"],
    handler: ({ request, caller }) => findSciCatSamples(caller, parseFilter(request)),
  },
  { method: "GET", path: ["samples", "{id}"], handler: ({ caller, ids: [id] }) => getSciCatSample(caller, id) },
  {
    method: "PATCH",
    path: ["samples", "{id}"],
    handler: async ({ request, caller, ids: [id] }) => updateSciCatSample(caller, id, await jsonBody(request)),
  },
  {
    method: "POST",
    path: ["proposals"],
    status: 201,
    handler: async ({ request, caller }) => createSciCatProposal(caller, await jsonBody(request)),
  },
  {
    method: "GET",
    path: ["proposals"],
    handler: ({ request, caller }) => findSciCatProposals(caller, parseFilter(request)),
  },
  { method: "GET", path: ["proposals", "{id}"], handler: ({ caller, ids: [id] }) => getSciCatProposal(caller, id) },
  {
    method: "PATCH",
    path: ["proposals", "{id}"],
    handler: async ({ request, caller, ids: [id] }) => updateSciCatProposal(caller, id, await jsonBody(request)),
  },
  {
    method: "POST",
    path: ["instruments"],
    status: 201,
    handler: async ({ request, caller }) => createSciCatInstrument(caller, await jsonBody(request)),
  },
  {
    method: "GET",
    path: ["instruments"],
    handler: ({ request, caller }) => findSciCatInstruments(caller, parseFilter(request)),
  },
  {
    method: "GET",
    path: ["instruments", "findone"],
    handler: async ({ request, caller }) => orEmpty(await findOneSciCatInstrument(caller, parseFilter(request))),
  },
  {
    method: "GET",
    path: ["instruments", "{id}"],
    handler: ({ caller, ids: [pid] }) => getSciCatInstrument(caller, pid),
  },
  {
    method: "PATCH",
    path: ["instruments", "{id}"],
    handler: async ({ request, caller, ids: [pid] }) => updateSciCatInstrument(caller, pid, await jsonBody(request)),
  },
];

/**
 * The path after /api/v3 or /api/v4, split into segments, each decoded exactly once: clients quote
 * pids (`demo%2F2026-0042%2Fscan_0001`), so an encoded "/" stays inside its segment.
 */
function segmentsOf(request: Request): string[] {
  const raw = new URL(request.url).pathname.replace(/^.*?\/api\/v[34]\/?/i, "").replace(/\/+$/, "");
  return raw.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new DomainError(`The path segment is not valid URL encoding: ${segment}`, 400);
    }
  });
}

/** The route for a request; fixed segments win over `{id}` (`datasets/fullquery` is no pid). */
function match(method: string, segments: string[], version: SciCatVersion): { route: Route; ids: string[] } | null {
  const candidates = routes.filter(
    (route) =>
      route.method === method &&
      route.path.length === segments.length &&
      (!route.versions || route.versions.includes(version)),
  );
  let best: { route: Route; ids: string[]; fixed: number } | null = null;
  for (const route of candidates) {
    const ids: string[] = [];
    let fixed = 0;
    const fits = route.path.every((part, index) => {
      if (part === "{id}") {
        ids.push(segments[index]);
        return segments[index] !== "";
      }
      fixed += 1;
      // SciCat's routes are case-insensitive (`Datasets` = `datasets`); identifiers are not.
      return part === segments[index].toLowerCase();
    });
    if (fits && (!best || fixed > best.fixed)) best = { route, ids, fixed };
  }
  return best;
}

/**
 * The SciCat-compatible API: what pyscicat (v3) and scitacean (v3 and v4) use. Unknown routes
 * answer before any authentication, so the answer does not depend on who asks.
 */
export function sciCatHandler(version: SciCatVersion) {
  return async function handleSciCatRequest(request: Request): Promise<NextResponse> {
    const base = `/api/v${version}`;
    // Until a route matches, the pattern of the Next route that serves the whole API.
    return observeRequest(request, `${base}/[...path]`, async (record) => {
      try {
        const found = match(request.method.toUpperCase(), segmentsOf(request), version);
        if (!found) {
          const { pathname } = new URL(request.url);
          return NextResponse.json(
            {
              error: `${request.method} ${pathname} is not part of this server's SciCat-compatible API (see /api/v1/openapi.json for the native API)`,
            },
            { status: 404 },
          );
        }
        record.route = `${base}/${found.route.path.join("/")}`;
        const caller = found.route.public ? anonymous : await callerFromRequest(request);
        record.caller = caller;
        const result = await found.route.handler({ request, caller, ids: found.ids, version });
        return result instanceof NextResponse
          ? result
          : NextResponse.json(result, { status: found.route.status ?? 200 });
      } catch (error) {
        return errorResponse(error);
      }
    });
  };
}
