import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger, logFormatFor } from "@/lib/platform/logger";
import { routePattern } from "@/lib/http/request-log";
import { parseLogLines } from "../support/logs";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text";

function logInto(format: "json" | "pretty") {
  let text = "";
  const logger = createLogger({ format, level: "info", output: { write: (line: string) => void (text += line) } });
  return { logger, text: () => text };
}

describe("log format", () => {
  it("is JSON in production and tests, pretty only in development", () => {
    expect([logFormatFor("production"), logFormatFor("test"), logFormatFor(undefined)]).toEqual([
      "json",
      "json",
      "json",
    ]);
    expect(logFormatFor("development")).toBe("pretty");
  });

  it("writes one JSON object per line, even for multi-line messages and errors", () => {
    const { logger, text } = logInto("json");
    logger.info({ route: "/api/v1/whoami" }, "first");
    logger.error({ err: new Error("two\nlines") }, "cannot start.\nThe problem:");
    const lines = parseLogLines(text());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "info", msg: "first", route: "/api/v1/whoami" });
    expect(lines[1]).toMatchObject({ level: "error", err: { message: "two\nlines" } });
    expect(Date.parse(lines[0].time)).not.toBeNaN();
  });

  it("writes readable text, not JSON, in development", () => {
    const { logger, text } = logInto("pretty");
    logger.warn({ route: "/api/v1/whoami" }, "slow answer");
    expect(text()).toContain("slow answer");
    expect(() => parseLogLines(text())).toThrow(/not JSON/);
  });
});

describe("route patterns", () => {
  it("replaces the IDs of the path by their parameter names", () => {
    expect(routePattern("/api/v1/samples/S-1%2F2/datasets", { specimenId: "S-1/2" })).toBe(
      "/api/v1/samples/[specimenId]/datasets",
    );
    expect(routePattern("/api/v1/a/b/c", { unknown: ["a", "b", "c"] })).toBe("/api/v1/[...unknown]");
    expect(routePattern("/api/v1/whoami", {})).toBe("/api/v1/whoami");
  });
});

describe("the Prometheus text reader of the tests", () => {
  const valid = "# HELP up Up.\n# TYPE up gauge\nup 1\n";
  it("reads a valid exposition", () => {
    expect(sampleValue(parsePrometheusText(valid), "up")).toBe(1);
    expect(sampleValue(parsePrometheusText('# TYPE x gauge\nx{a="q\\"\\\\"} Nan\n'), "x", { a: 'q"\\' })).toBeNaN();
  });

  it.each([
    ["no final newline", "up 1"],
    ["a bad metric name", "1up 1\n"],
    ["an unquoted label", "up{a=b} 1\n"],
    ["a bad value", "up one\n"],
    ["TYPE after samples", "up 1\n# TYPE up gauge\n"],
    ["a second TYPE", "# TYPE up gauge\n# TYPE up counter\nup 1\n"],
    ["a duplicate series", "up 1\nup 2\n"],
    ["an interleaved family", 'a 1\nb 1\na{x="1"} 1\n'],
    ["a histogram without +Inf", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1\nh_sum 1\n'],
    ["a histogram whose +Inf is not _count", '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 1\nh_sum 1\n'],
    ["buckets that decrease", '# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\nh_count 2\nh_sum 1\n'],
  ])("refuses %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});

describe("server code logs through the logger", () => {
  it("has no console.* calls in lib/ (but lib/shared, which runs in browsers) or instrumentation.ts", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return ["generated", "shared"].includes(entry.name) ? [] : files(file);
        return /\.tsx?$/.test(entry.name) ? [file] : [];
      });
    const offenders = [...files("lib"), "instrumentation.ts"].filter((file) =>
      /\bconsole\.(log|info|warn|error|debug)\(/.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
