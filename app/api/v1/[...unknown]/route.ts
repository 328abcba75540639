import { NextResponse } from "next/server";

/** Anything under /api/v1 that no route answers: JSON for API clients, not the HTML 404 page. */
async function noSuchRoute(request: Request): Promise<NextResponse> {
  const { pathname } = new URL(request.url);
  return NextResponse.json(
    { error: `No such API route: ${request.method} ${pathname}; see /api/v1/openapi.json` },
    { status: 404 },
  );
}

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
