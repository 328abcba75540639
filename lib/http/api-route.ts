import "server-only";
import { NextResponse } from "next/server";
import type { Caller } from "@/lib/auth/caller";
import { DomainError, TooManyRequestsError, UnauthenticatedError } from "@/lib/shared/errors";
import { currentCaller } from "@/lib/auth/session";
import { authenticateApiToken } from "@/lib/tokens/api-tokens";
import { clientAddress } from "@/lib/auth/client-address";
import { logger } from "@/lib/platform/logger";
import { observeRequest, routePattern } from "./request-log";

/**
 * The caller of an API request: an API token (`Authorization: Bearer`, or SciCat's `access_token`
 * query parameter), else the browser session. A token that is sent but invalid is an error, never
 * a silent fallback to the session.
 */
export async function callerFromRequest(request: Request): Promise<Caller> {
  const header = request.headers.get("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const token = bearer ?? new URL(request.url).searchParams.get("access_token");
  if (header && !bearer)
    throw new UnauthenticatedError("Malformed Authorization header; send Authorization: Bearer <token>.");
  if (token) {
    const caller = await authenticateApiToken(token, { client: clientAddress(request.headers) });
    if (!caller) throw new UnauthenticatedError("The API token is unknown, revoked or expired.");
    return caller;
  }
  return currentCaller();
}

/** The one mapping of errors to HTTP: `{ error, details }` with the status of the domain error. */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof DomainError) {
    return NextResponse.json(
      { error: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
      {
        status: error.status,
        headers: error instanceof TooManyRequestsError ? { "Retry-After": String(error.retryAfterSeconds) } : undefined,
      },
    );
  }
  logger.error({ err: error }, "API request failed");
  return NextResponse.json(
    { error: "Internal error; the request was not carried out. Try again, or tell the administrators." },
    { status: 500 },
  );
}

type RouteContext<Params> = { params: Promise<Params> };

/** Wraps a route handler: finds the caller, runs the handler, maps errors; logs and counts the request. */
export function apiRoute<Params = Record<string, never>>(
  handler: (request: Request, caller: Caller, params: Params) => Promise<unknown>,
  successStatus = 200,
) {
  return async (request: Request, context: RouteContext<Params>): Promise<NextResponse> => {
    const params = await context.params;
    const route = routePattern(new URL(request.url).pathname, params as Record<string, string | string[]>);
    return observeRequest(request, route, async (record) => {
      try {
        record.caller = await callerFromRequest(request);
        const result = await handler(request, record.caller, params);
        return result instanceof NextResponse ? result : NextResponse.json(result, { status: successStatus });
      } catch (error) {
        return errorResponse(error);
      }
    });
  };
}
