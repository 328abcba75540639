import { vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { currentCaller } from "@/lib/auth/session";

type RouteModule = Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", (request: Request) => Promise<Response>>;

export type SciCatCallOptions = { body?: unknown; token?: string | null; query?: boolean; as?: Caller };

/**
 * Requests to a SciCat API route module as pyscicat sends them: the path quoted, the token as
 * header (or, with `query`, as access_token). Needs `vi.mock("@/lib/auth/session")` in the test.
 * `defaultToken` is read at each call, so a test can log in first.
 */
export function sciCatRequests(module: RouteModule, version: 3 | 4, defaultToken: () => string) {
  return async function call(method: string, path: string, options: SciCatCallOptions = {}) {
    vi.mocked(currentCaller).mockResolvedValue(options.as ?? { kind: "anonymous" });
    const token = options.token === undefined ? defaultToken() : options.token;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token && !options.query) headers.authorization = `Bearer ${token}`;
    const url = new URL(`http://localhost/api/v${version}/${path}`);
    if (token && options.query) url.searchParams.set("access_token", token);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await module[method as "GET"](new Request(url, { method, headers, body }));
    const text = await response.text();
    return {
      status: response.status,
      json: (text ? JSON.parse(text) : null) as Record<string, unknown> & { error?: string },
    };
  };
}
