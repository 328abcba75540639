import { describe, expect, it } from "vitest";
import { bodyLimitFor, largestBodyLimit } from "@/lib/http/body-limits";
import { formBody, jsonBody } from "@/lib/http/request";
import { DomainError } from "@/lib/shared/errors";
import nextConfig from "@/next.config.js";

const post = (body: BodyInit, path = "/api/v3/datasets") =>
  new Request(`http://localhost${path}`, { method: "POST", body, duplex: "half" } as RequestInit);

/** A body sent without Content-Length (chunked), in pieces, as a stream. */
function chunked(pieces: number, pieceSize: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === pieces) controller.close();
      else controller.enqueue(new Uint8Array(pieceSize).fill(0x20));
    },
  });
}

async function refusal(request: Request): Promise<{ status: number; message: string }> {
  const error = await jsonBody(request).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { status: (error as DomainError).status, message: (error as DomainError).message };
}

describe("jsonBody, the one reader of API request bodies", () => {
  it("reads JSON with real characters unchanged", async () => {
    const body = { datasetName: "🧪 \u202eשם", scientificMetadata: { depth: [[[1]]] } };
    expect(await jsonBody(post(JSON.stringify(body)))).toEqual(body);
  });

  it("refuses over-deep JSON with 400 before zod's recursion can overflow", async () => {
    const deep = `{"scientificMetadata":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
    expect(await refusal(post(deep))).toEqual({
      status: 400,
      message: "The request body nests JSON deeper than 64 levels",
    });
  });

  it("refuses NUL and lone surrogates in any string or key with 400, naming where", async () => {
    expect(await refusal(post('{"datasetName":"a\\u0000b"}'))).toEqual({
      status: 400,
      message: expect.stringMatching(/at datasetName must not contain the NUL character/),
    });
    expect((await refusal(post('{"scientificMetadata":{"k\\u0000":1}}'))).status).toBe(400);
    expect((await refusal(post('{"description":"\\ud800"}'))).message).toContain("surrogate");
  });

  it("refuses a chunked body over the route family's limit with 413 and says the limit", async () => {
    const { limit } = bodyLimitFor("/api/v3/datasets");
    expect(await refusal(post(chunked(limit / 65_536 + 1, 65_536)))).toEqual({
      status: 413,
      message: "The request body is too large: API request bodies may be at most 16 MB.",
    });
    expect((await refusal(post(chunked(17, 65_536), "/proposals/2026-0042/labels.pdf"))).message).toContain("1 MB");
  });

  it("refuses bytes that are not UTF-8 and text that is not JSON with 400", async () => {
    expect((await refusal(post(new Uint8Array([0x7b, 0xff, 0x7d])))).message).toBe(
      "The request body is not UTF-8 text",
    );
    expect((await refusal(post("{"))).message).toBe("The request body is not JSON");
  });

  it("is never handed a body Next.js cut short as if it were whole", () => {
    // Next.js cuts bodies at proxyClientMaxBodySize without an error, dropping the network chunk
    // (at most 64 KB) that crosses it: what is left must still be over the largest limit.
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe("17mb");
    expect(17 * 1024 * 1024 - 64 * 1024).toBeGreaterThan(largestBodyLimit);
  });
});

describe("formBody, the reader of form posts to route handlers (labels.pdf)", () => {
  const form = (body: string, type: string) =>
    new Request("http://localhost/proposals/2026-0042/labels.pdf", {
      method: "POST",
      body,
      headers: { "content-type": type },
    });

  it("answers a broken multipart body with 400, where request.formData() made a 500", async () => {
    const error = await formBody(form("--zz\r\nbroken", "multipart/form-data; boundary=zz")).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining("not a form") });
  });

  it("answers NUL in a field with 400, and reads good fields", async () => {
    const error = await formBody(form("specimenIds=S-1%00", "application/x-www-form-urlencoded")).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('"specimenIds" must not contain') });
    const good = await formBody(form("specimenIds=S-1&specimenIds=S-2", "application/x-www-form-urlencoded"));
    expect(good.getAll("specimenIds")).toEqual(["S-1", "S-2"]);
  });
});
