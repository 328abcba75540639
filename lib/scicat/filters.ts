import "server-only";
import { DomainError } from "@/lib/shared/errors";

/**
 * pyscicat's `instruments_get_one` sends the filter as the whole query string (`findOne?{"where":…}`)
 * rather than as `filter=`: such a query is read as the filter.
 */
function queryAsFilter(url: URL): string | null {
  // `?{json}` arrives as a parameter name, which URLSearchParams-style encoders end with "=".
  const query = decodeURIComponent(url.search.slice(1).replace(/\+/g, " ")).replace(/=$/, "");
  return query.startsWith("{") ? query : null;
}

/** A loopback `filter` query parameter, parsed; anything but JSON is the client's mistake (400). */
export function parseFilter(request: Request): Record<string, unknown> {
  const url = new URL(request.url);
  // SciCat's proposal list reads `filters`; everything else `filter`.
  let text = url.searchParams.get("filter") ?? url.searchParams.get("filters");
  if (text === null && url.search.length > 1) {
    try {
      text = queryAsFilter(url);
    } catch {
      throw new DomainError("The query is not valid URL encoding", 400);
    }
  }
  if (text === null || text === "") return {};
  let filter: unknown;
  try {
    filter = JSON.parse(text);
  } catch {
    // Not echoed: the query string may hold the caller's access_token.
    throw new DomainError('The filter is not JSON (send e.g. filter={"where":{"sampleId":"S-ABC123"}})', 400);
  }
  if (!filter || typeof filter !== "object" || Array.isArray(filter))
    throw new DomainError('The filter must be a JSON object such as {"where":{"sampleId":"S-ABC123"}}', 400);
  return filter as Record<string, unknown>;
}

const unsupported = (what: string) =>
  new DomainError(
    `${what} is not supported by this server's SciCat-compatible subset (see /api/v1/openapi.json for the native API)`,
    400,
  );

/**
 * The supported part of a loopback filter: `where` with equality on `fields` (string values),
 * `limit` and `skip`. Operators (`like`, `inq`, `and`, …), `fields`, `order` and `include` are a
 * 400 naming what was sent, never silently ignored.
 */
export function equalityFilter<Field extends string>(filter: Record<string, unknown>, fields: readonly Field[]) {
  for (const key of Object.keys(filter)) {
    if (!["where", "limit", "skip", "limits"].includes(key)) throw unsupported(`The filter key "${key}"`);
  }
  // SciCat's own form of paging: {"limits": {"limit": 10, "skip": 0}}.
  const limits = filter.limits ?? {};
  if (!limits || typeof limits !== "object" || Array.isArray(limits))
    throw new DomainError('filter.limits must be an object such as {"limit":10,"skip":0}', 400);
  for (const key of Object.keys(limits)) {
    if (!["limit", "skip"].includes(key)) throw unsupported(`The filter key "limits.${key}"`);
  }
  const where = (filter.where ?? {}) as unknown;
  if (!where || typeof where !== "object" || Array.isArray(where))
    throw new DomainError("filter.where must be a JSON object of field: value", 400);
  const equal: Partial<Record<Field, string>> = {};
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (!(fields as readonly string[]).includes(key))
      throw unsupported(`Filtering on "${key}" (supported: equality on ${fields.join(", ")})`);
    if (typeof value !== "string")
      throw unsupported(`The condition ${JSON.stringify({ [key]: value })} (only equality with a string)`);
    equal[key as Field] = value;
  }
  const count = (name: "limit" | "skip", min: number, max: number, fallback: number) => {
    const value = filter[name] ?? (limits as Record<string, unknown>)[name];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
      throw new DomainError(`filter.${name} must be a whole number from ${min} to ${max}`, 400);
    return value;
  };
  return { where: equal, limit: count("limit", 1, 1000, 100), skip: count("skip", 0, Number.MAX_SAFE_INTEGER, 0) };
}
