import "server-only";
import { DomainError } from "@/lib/shared/errors";
import { findUnstorableText, jsonNestingExceeds, maxJsonDepth, unstorableText } from "@/lib/shared/untrusted-input";
import { bodyLimitFor, bodyTooLargeMessage } from "@/lib/http/body-limits";

/**
 * The JSON body of an API request, checked before anything else reads it: at most the route
 * family's size (413, lib/http/body-limits.ts), UTF-8, JSON, nested at most `maxJsonDepth` levels,
 * and no text PostgreSQL cannot store (NUL, lone surrogates) in any string or key (400).
 */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await bodyText(request);
  if (jsonNestingExceeds(text))
    throw new DomainError(`The request body nests JSON deeper than ${maxJsonDepth} levels`, 400);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("The request body is not JSON", 400);
  }
  const unstorable = findUnstorableText(body);
  if (unstorable) throw new DomainError(`The request body at ${unstorable.path} ${unstorable.problem}`, 400);
  return body;
}

/** The body as text, counted while it is read: a body sent without Content-Length has no size up front. */
async function bodyText(request: Request): Promise<string> {
  const { pathname } = new URL(request.url);
  const { limit } = bodyLimitFor(pathname);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new DomainError(bodyTooLargeMessage(pathname), 413);
      }
      chunks.push(chunk.value);
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new DomainError("The request body is not UTF-8 text", 400);
  }
}

/**
 * The form fields of a POST (urlencoded or multipart), with the same text rule as jsonBody. A body
 * that is no form, or one Next.js cut at its proxy buffer (lib/http/body-limits.ts), is the
 * client's mistake, not a server error.
 */
export async function formBody(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new DomainError(
      "The request body is not a form (send application/x-www-form-urlencoded, multipart/form-data or JSON)",
      400,
    );
  }
  for (const [name, value] of form) {
    const problem = unstorableText(name) ?? (typeof value === "string" ? unstorableText(value) : null);
    if (problem) throw new DomainError(`The form field ${JSON.stringify(name.replace(/\0/g, ""))} ${problem}`, 400);
  }
  return form;
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
