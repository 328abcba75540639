import "server-only";
import { randomUUID } from "node:crypto";
import type { NextResponse } from "next/server";
import type { Caller } from "@/lib/auth/caller";
import { logger, withLogContext } from "@/lib/platform/logger";
import { recordRequest } from "@/lib/platform/metrics";

/** What the handler learns while it runs: the route it matched, and who called. */
export type RequestRecord = { route: string; caller?: Caller };

/** A client's request id is kept when it is an id and nothing else (it is echoed and logged). */
const saneRequestId = /^[\w.:@=+/-]{1,128}$/;

export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && saneRequestId.test(given) ? given : randomUUID();
}

/** Who called, for the log: kind, name and id; never a token or a credential. */
function callerForLog(caller: Caller | undefined) {
  if (!caller) return undefined;
  switch (caller.kind) {
    case "user":
      return { kind: caller.kind, id: caller.id, name: caller.name };
    case "token":
      return { kind: caller.kind, id: caller.tokenId, name: caller.name };
    case "system":
      return { kind: caller.kind, name: caller.name };
    default:
      return { kind: caller.kind };
  }
}

/**
 * The route pattern of a request (`/api/v1/samples/[specimenId]`) from its path and Next's decoded
 * params: metrics must not get one series per sample. A catch-all's segments become one `[...name]`.
 */
export function routePattern(
  pathname: string,
  // Next resolves the params of a route without dynamic segments to undefined.
  params: Record<string, string | string[] | undefined> | undefined,
): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) for (const segment of value) names.set(segment, `[...${name}]`);
    else if (value !== undefined) names.set(value, `[${name}]`);
  }
  const decoded = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  const pattern = pathname.split("/").map((segment) => names.get(decoded(segment)) ?? segment);
  return pattern.filter((part, index) => !(part.startsWith("[...") && part === pattern[index - 1])).join("/");
}

const maxLoggedPath = 200;

/**
 * Handles one API request observed: every line logged meanwhile carries its request id (echoed as
 * X-Request-Id), and when it is answered one line says who asked what, how it ended and how long
 * it took, and the request metrics count it. `handle` maps its own errors to responses.
 */
export async function observeRequest(
  request: Request,
  route: string,
  handle: (record: RequestRecord) => Promise<NextResponse>,
): Promise<NextResponse> {
  const started = performance.now();
  const reqId = requestIdOf(request);
  const record: RequestRecord = { route };
  let status = 500;
  try {
    const response = await withLogContext({ reqId }, () => handle(record));
    status = response.status;
    response.headers.set("X-Request-Id", reqId);
    return response;
  } finally {
    const durationMs = performance.now() - started;
    const { pathname } = new URL(request.url);
    logger[status >= 500 ? "error" : "info"](
      {
        reqId,
        method: request.method,
        route: record.route,
        path: pathname.length > maxLoggedPath ? `${pathname.slice(0, maxLoggedPath)}…` : pathname,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        caller: callerForLog(record.caller),
      },
      "API request",
    );
    recordRequest({ route: record.route, method: request.method, status, seconds: durationMs / 1000 });
  }
}
