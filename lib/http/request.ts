import "server-only";
import { DomainError } from "@/lib/shared/errors";

/** A request body that is not JSON is the client's mistake (400), never an empty object. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("The request body is not JSON", 400);
  }
}

/**
 * A dataset pid from the request path. pids may contain "/" (`demo/2026-0042/scan_0001`), which
 * clients send encoded (`%2F`); the raw path is decoded exactly once here, so neither an encoded
 * slash nor a literal "%" depends on how the framework decodes route parameters.
 */
export function pidFromRequest(request: Request, fallback: string): string {
  const match = new URL(request.url).pathname.match(
    /\/api\/v1\/datasets\/([^/]+)(?:\/origdatablocks|\/publication)?\/?$/,
  );
  const raw = match?.[1] ?? fallback;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new DomainError(`The dataset pid in the path is not valid URL encoding: ${raw}`, 400);
  }
}

/** Query parameters as an object, for the list schemas. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
