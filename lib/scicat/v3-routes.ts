import "server-only";
import { NextResponse } from "next/server";
import { callerFromRequest, errorResponse } from "@/lib/http/api-route";
import { jsonBody } from "@/lib/http/request";
import { anonymous, type Caller } from "@/lib/auth/caller";
import { DomainError } from "@/lib/shared/errors";
import {
  addSciCatOrigDatablock,
  createSciCatDataset,
  findSciCatDatasets,
  getSciCatDataset,
  updateSciCatDataset,
} from "./datasets";
import { parseFilter } from "./filters";
import { createSciCatInstrument, getSciCatInstrument } from "./instruments";
import { loginFunctionalAccount } from "./login";
import { createSciCatProposal, getSciCatProposal, updateSciCatProposal } from "./proposals";
import { createSciCatSample, findSciCatSamples, getSciCatSample, updateSciCatSample } from "./samples";

type Handler = (request: Request, caller: Caller, id: string) => Promise<unknown>;
type Route = {
  method: string;
  /** Lower-case path segments; `{id}` stands for one (URL-encoded) identifier. */
  path: string[];
  handler: Handler;
  status?: number;
  /** Login needs no caller, and an expired token sent along must not stop it. */
  public?: true;
};

const created = (body: unknown) => NextResponse.json(body, { status: 201 });

const routes: Route[] = [
  {
    method: "POST",
    path: ["auth", "login"],
    public: true,
    handler: async (request) => created(await loginFunctionalAccount(await jsonBody(request))),
  },
  {
    method: "POST",
    path: ["datasets"],
    handler: async (request, caller) => {
      const result = await createSciCatDataset(caller, await jsonBody(request));
      return NextResponse.json(result.dataset, { status: result.created ? 201 : 200 });
    },
  },
  { method: "GET", path: ["datasets"], handler: (request, caller) => findSciCatDatasets(caller, parseFilter(request)) },
  { method: "GET", path: ["datasets", "{id}"], handler: (_request, caller, pid) => getSciCatDataset(caller, pid) },
  {
    method: "PATCH",
    path: ["datasets", "{id}"],
    handler: async (request, caller, pid) => updateSciCatDataset(caller, pid, await jsonBody(request)),
  },
  {
    method: "POST",
    path: ["datasets", "{id}", "origdatablocks"],
    status: 201,
    handler: async (request, caller, pid) => addSciCatOrigDatablock(caller, pid, await jsonBody(request)),
  },
  {
    method: "POST",
    path: ["samples"],
    status: 201,
    handler: async (request, caller) => createSciCatSample(caller, await jsonBody(request)),
  },
  { method: "GET", path: ["samples"], handler: (request, caller) => findSciCatSamples(caller, parseFilter(request)) },
  { method: "GET", path: ["samples", "{id}"], handler: (_request, caller, id) => getSciCatSample(caller, id) },
  {
    method: "PATCH",
    path: ["samples", "{id}"],
    handler: async (request, caller, id) => updateSciCatSample(caller, id, await jsonBody(request)),
  },
  {
    method: "POST",
    path: ["proposals"],
    status: 201,
    handler: async (request, caller) => createSciCatProposal(caller, await jsonBody(request)),
  },
  { method: "GET", path: ["proposals", "{id}"], handler: (_request, caller, id) => getSciCatProposal(caller, id) },
  {
    method: "PATCH",
    path: ["proposals", "{id}"],
    handler: async (request, caller, id) => updateSciCatProposal(caller, id, await jsonBody(request)),
  },
  {
    method: "POST",
    path: ["instruments"],
    status: 201,
    handler: async (request, caller) => createSciCatInstrument(caller, await jsonBody(request)),
  },
  {
    method: "GET",
    path: ["instruments", "{id}"],
    handler: (_request, caller, pid) => getSciCatInstrument(caller, pid),
  },
];

/**
 * The path after /api/v3, split into segments, each decoded exactly once: pyscicat quotes pids
 * (`demo%2F2026-0042%2Fscan_0001`), so an encoded "/" stays inside its segment.
 */
function segmentsOf(request: Request): string[] {
  const raw = new URL(request.url).pathname.replace(/^.*?\/api\/v3\/?/i, "").replace(/\/+$/, "");
  return raw.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new DomainError(`The path segment is not valid URL encoding: ${segment}`, 400);
    }
  });
}

function match(method: string, segments: string[]): { route: Route; id: string } | null {
  for (const route of routes) {
    if (route.method !== method || route.path.length !== segments.length) continue;
    let id = "";
    const fits = route.path.every((part, index) => {
      if (part === "{id}") {
        id = segments[index];
        return id !== "";
      }
      // SciCat's routes are case-insensitive (`Datasets` = `datasets`); identifiers are not.
      return part === segments[index].toLowerCase();
    });
    if (fits) return { route, id };
  }
  return null;
}

/**
 * The SciCat v3-compatible subset that pyscicat uses. Unknown routes answer before any
 * authentication, so the answer does not depend on who asks.
 */
export async function handleSciCatRequest(request: Request): Promise<NextResponse> {
  try {
    const segments = segmentsOf(request);
    const found = match(request.method.toUpperCase(), segments);
    if (!found) {
      const { pathname } = new URL(request.url);
      return NextResponse.json(
        {
          error: `${request.method} ${pathname} is not part of this server's SciCat-compatible subset (see /api/v1/openapi.json for the native API)`,
        },
        { status: 404 },
      );
    }
    const caller = found.route.public ? anonymous : await callerFromRequest(request);
    const result = await found.route.handler(request, caller, found.id);
    return result instanceof NextResponse ? result : NextResponse.json(result, { status: found.route.status ?? 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
