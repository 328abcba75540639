import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edgeRefusal } from "@/lib/http/edge-guard";
import { refuseUnsupportedMethods } from "@/lib/http/unsupported-methods";

const appUrl = "https://registry.example.org";

/** A request as the proxy sees it; the URL is kept raw (Request does not decode the path). */
const request = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  new Request(`http://127.0.0.1:3000${path}`, { ...init, headers: { host: "127.0.0.1:3000", ...init.headers } });

async function answer(refusal: Response | null) {
  expect(refusal).not.toBeNull();
  return { status: refusal!.status, body: await refusal!.text(), type: refusal!.headers.get("content-type") };
}

describe("the edge guard (proxy.ts)", () => {
  it("answers bad percent-escapes in the path with 400: JSON for the API, text for pages", async () => {
    for (const path of [
      "/%",
      "/%ZZ",
      "/%C0%AF",
      "/api/v3/datasets/%",
      "/api/v1/proposals/%ZZ",
      "/proposals/%ED%A0%80",
    ]) {
      const { status, body, type } = await answer(edgeRefusal(request(path), appUrl));
      expect(status, path).toBe(400);
      expect(body).toContain("not valid URL encoding");
      expect(type).toMatch(path.startsWith("/api/") ? /application\/json/ : /text\/plain/);
    }
    expect(edgeRefusal(request("/api/v3/datasets/demo%2F2026-0042%2Fscan_0001"), appUrl)).toBeNull();
  });

  it("answers NUL in the path or the query with 400, also as the JSON escape inside a SciCat filter", async () => {
    expect((await answer(edgeRefusal(request("/api/v1/proposals/a%00b"), appUrl))).status).toBe(400);
    expect((await answer(edgeRefusal(request("/api/v1/resolve?code=a%00b"), appUrl))).body).toContain("NUL");
    const filter = encodeURIComponent(JSON.stringify({ where: { sampleId: "a\u0000" } }));
    expect((await answer(edgeRefusal(request(`/api/v3/samples?filter=${filter}`), appUrl))).status).toBe(400);
    expect(
      edgeRefusal(request(`/api/v3/samples?filter=${encodeURIComponent('{"where":{"sampleId":"🧪"}}')}`), appUrl),
    ).toBeNull();
  });

  it("answers a Content-Length over the route family's limit with 413 that says the limit", async () => {
    const big = (path: string, bytes: number) =>
      edgeRefusal(request(path, { method: "POST", headers: { "content-length": String(bytes) } }), appUrl);
    const { status, body } = await answer(big("/api/v3/datasets", 16 * 1024 * 1024 + 1));
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({
      error: "The request body is too large: API request bodies may be at most 16 MB.",
    });
    expect(big("/api/v3/datasets", 16 * 1024 * 1024)).toBeNull();
    expect((await answer(big("/proposals/2026-0042/labels.pdf", 2 * 1024 * 1024))).status).toBe(413);
  });

  describe("cross-origin requests that change data with the session cookie", () => {
    const cookie = { cookie: "authjs.session-token=abc" };
    const from = (origin: string, headers: Record<string, string> = {}) =>
      request("/proposals/2026-0042/labels.pdf", { method: "POST", headers: { ...cookie, origin, ...headers } });

    it("are refused with 403: route handlers, the API and server actions", async () => {
      expect((await answer(edgeRefusal(from("https://evil.example"), appUrl))).status).toBe(403);
      const api = request("/api/v1/sample-events", {
        method: "POST",
        headers: { ...cookie, origin: "https://evil.example" },
      });
      expect((await answer(edgeRefusal(api, appUrl))).status).toBe(403);
      const action = request("/proposals/2026-0042", {
        method: "POST",
        headers: { origin: "https://evil.example", "next-action": "7f00" },
      });
      expect((await answer(edgeRefusal(action, appUrl))).status).toBe(403);
      expect((await answer(edgeRefusal(from("null"), appUrl))).status).toBe(403);
      const noOrigin = request("/api/v3/datasets", {
        method: "DELETE",
        headers: { ...cookie, "sec-fetch-site": "cross-site" },
      });
      expect((await answer(edgeRefusal(noOrigin, appUrl))).status).toBe(403);
    });

    it("go on from our own origin (the Host header, X-Forwarded-Host or APP_URL), with a token, or from scripts", () => {
      expect(edgeRefusal(from("http://127.0.0.1:3000"), appUrl)).toBeNull();
      expect(edgeRefusal(from("https://registry.example.org"), appUrl)).toBeNull();
      expect(edgeRefusal(from("https://public.example", { "x-forwarded-host": "public.example" }), appUrl)).toBeNull();
      expect(edgeRefusal(from("https://evil.example", { authorization: "Bearer brs_x" }), appUrl)).toBeNull();
      const script = request("/proposals/2026-0042/labels.pdf", { method: "POST", headers: cookie });
      expect(edgeRefusal(script, appUrl)).toBeNull();
      const read = request("/proposals", { headers: { ...cookie, origin: "https://evil.example" } });
      expect(edgeRefusal(read, appUrl)).toBeNull();
      // Auth.js checks its own CSRF token; identity providers post back to its callback.
      const callback = request("/api/auth/callback/local", {
        method: "POST",
        headers: { ...cookie, origin: "https://idp.example" },
      });
      expect(edgeRefusal(callback, appUrl)).toBeNull();
    });
  });
});

describe("unsupported methods (TRACE made Next.js answer 500 on every route)", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    refuseUnsupportedMethods();
    server = http.createServer((_request, response) => response.end("the app"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string) =>
    new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
      const sent = http.request({ host: "127.0.0.1", port, method, path: "/api/v1/proposals" }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode!, allow: response.headers.allow, body }));
      });
      sent.on("error", reject);
      sent.end();
    });

  it("are 405 with an Allow header, before the app sees them", async () => {
    for (const method of ["TRACE", "PROPFIND", "PURGE"]) {
      const { status, allow, body } = await send(method);
      expect(status, method).toBe(405);
      expect(allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(JSON.parse(body).error).toContain(method);
    }
    expect(await send("GET")).toMatchObject({ status: 200, body: "the app" });
  });
});
