import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/platform/db";
import { reloadConfig } from "@/lib/platform/config";
import { logger } from "@/lib/platform/logger";
import { metricsRegistry } from "@/lib/platform/metrics";
import { currentCaller } from "@/lib/auth/session";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";
import { captureLogs } from "../support/logs";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text";

vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn() }));
const whoami = await import("@/app/api/v1/whoami/route");
const sampleRoute = await import("@/app/api/v1/samples/[specimenId]/route");
const v3 = await import("@/app/api/v3/[...path]/route");
const metricsRoute = await import("@/app/metrics/route");

let database: Database;
let token = "";
beforeAll(async () => {
  database = await createTestDatabase();
  token = (await tokenCaller(["samples:read"], "beamline ufo")).token;
});
afterAll(() => database.close());

const logs = captureLogs();
afterAll(() => logs.restore());
afterEach(() => {
  logs.clear();
  for (const name of ["METRICS_TOKEN", "METRICS_ALLOW_UNAUTHENTICATED"]) delete process.env[name];
  reloadConfig();
});

// What Next passes to a route without dynamic segments: params that resolve to undefined.
const noParams = { params: Promise.resolve(undefined as unknown as Record<string, never>) };
const scrape = async () => parsePrometheusText(await metricsRegistry().metrics());
const requestLines = () => logs.lines().filter((line) => line.msg === "API request");

describe(`request logs (${databaseTier()})`, () => {
  it("logs one JSON line per API request with request id, caller, route, status and duration, and echoes the id", async () => {
    vi.mocked(currentCaller).mockResolvedValue({ kind: "anonymous" });
    const response = await whoami.GET(
      new Request("http://localhost/api/v1/whoami", {
        headers: {
          authorization: `Bearer ${token}`,
          cookie: "authjs.session-token=cookie-secret",
          "x-request-id": "scan-42",
        },
      }),
      noParams,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("scan-42");
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: "info",
      reqId: "scan-42",
      method: "GET",
      route: "/api/v1/whoami",
      path: "/api/v1/whoami",
      status: 200,
      caller: { kind: "token", name: "beamline ufo" },
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain("cookie-secret");
  });

  it("generates a request id when the client's is missing or not an id", async () => {
    const user = await userCaller("ada");
    vi.mocked(currentCaller).mockResolvedValue(user);
    for (const given of [undefined, "has spaces in it", "x".repeat(129)]) {
      const headers: Record<string, string> = given ? { "x-request-id": given } : {};
      const response = await whoami.GET(new Request("http://localhost/api/v1/whoami", { headers }), noParams);
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestLines().map((line) => line.caller)).toEqual(
      Array(3).fill({ kind: "user", id: user.id, name: "ada" }),
    );
  });

  it("never logs a token sent as SciCat's access_token, not even when it is refused", async () => {
    vi.mocked(currentCaller).mockResolvedValue({ kind: "anonymous" });
    const refused = "not-a-real-token-but-secret";
    for (const secret of [token, refused]) {
      const url = `http://localhost/api/v3/datasets?access_token=${secret}`;
      await v3.GET(new Request(url));
    }
    const lines = requestLines();
    expect(lines.map((line) => [line.route, line.status])).toEqual([
      ["/api/v3/datasets", 403],
      ["/api/v3/datasets", 401],
    ]);
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(refused);
  });

  it("logs a server error with its request id on the error line too", async () => {
    vi.mocked(currentCaller).mockRejectedValue(new Error("session store down"));
    const response = await whoami.GET(
      new Request("http://localhost/api/v1/whoami", { headers: { "x-request-id": "req-500" } }),
      noParams,
    );
    expect(response.status).toBe(500);
    const lines = logs.lines();
    expect(lines.find((line) => line.msg === "API request failed")).toMatchObject({
      level: "error",
      reqId: "req-500",
      err: { message: "session store down" },
    });
    expect(requestLines()).toEqual([expect.objectContaining({ level: "error", reqId: "req-500", status: 500 })]);
  });

  it("redacts credentials wherever a caller puts them", () => {
    logger.info(
      {
        password: "pw-1",
        user: { password: "pw-2" },
        req: { headers: { authorization: "Bearer t-1", cookie: "c-1" } },
      },
      "sign-in attempt",
    );
    const text = logs.text();
    for (const secret of ["pw-1", "pw-2", "t-1", "c-1"]) expect(text).not.toContain(secret);
    expect(logs.lines()[0]).toMatchObject({ password: "[redacted]", user: { password: "[redacted]" } });
  });
});

describe(`request metrics (${databaseTier()})`, () => {
  it("counts requests and their durations by route pattern, method and status class", async () => {
    const labels = { route: "/api/v1/samples/[specimenId]", method: "GET", status_class: "4xx" };
    const before = await scrape();
    const countBefore = sampleValue(before, "http_requests_total", labels) ?? 0;
    const observedBefore = sampleValue(before, "http_request_duration_seconds_count", labels) ?? 0;
    vi.mocked(currentCaller).mockResolvedValue({ kind: "anonymous" });
    const response = await sampleRoute.GET(
      new Request("http://localhost/api/v1/samples/S-NO-SUCH%2F1", { headers: { authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({ specimenId: "S-NO-SUCH/1" }) },
    );
    expect(response.status).toBe(404);
    const after = await scrape();
    expect(sampleValue(after, "http_requests_total", labels)).toBe(countBefore + 1);
    expect(sampleValue(after, "http_request_duration_seconds_count", labels)).toBe(observedBefore + 1);
    expect(sampleValue(after, "http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(
      observedBefore + 1,
    );
    // One series per route, never per sample.
    expect(await metricsRegistry().metrics()).not.toContain("S-NO-SUCH");
  });

  it("labels SciCat requests by their SciCat route, unknown ones by the catch-all", async () => {
    vi.mocked(currentCaller).mockResolvedValue({ kind: "anonymous" });
    await v3.GET(
      new Request("http://localhost/api/v3/Datasets/ufo%2Fx%2Fscan_1", {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    await v3.GET(new Request("http://localhost/api/v3/no-such-thing/42"));
    expect(requestLines().map((line) => [line.route, line.path])).toEqual([
      ["/api/v3/datasets/{id}", "/api/v3/Datasets/ufo%2Fx%2Fscan_1"],
      ["/api/v3/[...path]", "/api/v3/no-such-thing/42"],
    ]);
    const text = await metricsRegistry().metrics();
    expect(text).toContain('route="/api/v3/datasets/{id}"');
    expect(text).not.toContain("no-such-thing");
  });
});

describe(`GET /metrics (${databaseTier()})`, () => {
  const get = (authorization?: string) =>
    metricsRoute.GET(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));

  it("is off (404) without METRICS_TOKEN, unless opened on purpose", async () => {
    expect((await get()).status).toBe(404);
    process.env.METRICS_ALLOW_UNAUTHENTICATED = "true";
    reloadConfig();
    expect((await get()).status).toBe(200);
  });

  it("answers 401 without the token or with a wrong one", async () => {
    process.env.METRICS_TOKEN = "metrics-token-0123456789";
    reloadConfig();
    for (const authorization of [
      undefined,
      "Bearer wrong-token-0123456789",
      "Bearer metrics-token-012345678",
      "Basic x",
    ]) {
      const response = await get(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    }
  });

  it("scrapes in Prometheus' text format: process, database and publishing outbox", async () => {
    process.env.METRICS_TOKEN = "metrics-token-0123456789";
    reloadConfig();
    await database.prisma.publicationOutbox.createMany({
      data: [
        { entity: "Sample", recordKey: "S-1", orderKey: "Sample:S-1", createdAt: new Date(Date.now() - 60_000) },
        { entity: "Sample", recordKey: "S-2", orderKey: "Sample:S-2", attempts: 2 },
        { entity: "Sample", recordKey: "S-3", orderKey: "Sample:S-3", attempts: 1, rejectedAt: new Date() },
      ],
    });
    const response = await get("Bearer metrics-token-0123456789");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await response.text());
    expect(families.get("process_cpu_seconds_total")?.type).toBe("counter");
    expect(families.get("http_request_duration_seconds")?.type).toBe("histogram");
    expect(sampleValue(families, "registry_db_info", { engine: databaseTier() })).toBe(1);
    const pool = (state: string) => sampleValue(families, "registry_db_pool_connections", { state });
    if (databaseTier() === "postgresql") expect(pool("total")).toBeGreaterThanOrEqual(1);
    else expect(pool("total")).toBeUndefined();
    const rows = (state: string) => sampleValue(families, "registry_publication_outbox_rows", { state });
    expect([rows("waiting"), rows("retrying"), rows("rejected")]).toEqual([1, 1, 1]);
    const age = sampleValue(families, "registry_publication_outbox_oldest_pending_seconds");
    expect(age).toBeGreaterThanOrEqual(59);
    expect(age).toBeLessThan(3600);
  });
});
