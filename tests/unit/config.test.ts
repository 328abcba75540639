import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

describe("configuration", () => {
  it("defaults to the embedded database under ./data and port 3000", () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.resolve("data", "pglite") });
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.seedDemoData).toBe("auto");
  });

  it("uses PostgreSQL when DATABASE_URL is set, and a configurable data directory", () => {
    expect(parseConfig({ DATABASE_URL: "postgresql://u:p@db:5432/samples" }).database).toEqual({
      kind: "postgresql",
      url: "postgresql://u:p@db:5432/samples",
    });
    expect(parseConfig({ DATA_DIR: "/srv/registry" }).database).toEqual({
      kind: "pglite",
      dataDir: "/srv/registry/pglite",
    });
  });

  it("treats empty variables as unset and strips a trailing slash from APP_URL", () => {
    const config = parseConfig({ DATABASE_URL: "", PORT: "", APP_URL: "https://samples.kit.edu/" });
    expect(config.database.kind).toBe("pglite");
    expect(config.appUrl).toBe("https://samples.kit.edu");
  });

  it("names every invalid variable at once, without printing passwords", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "http", DATABASE_URL: "mysql://root:hunter2@db/x", SEED_DEMO_DATA: "maybe" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((problem) => problem.split(":")[0]).sort()).toEqual(["DATABASE_URL", "PORT", "SEED_DEMO_DATA"]);
    expect(message).not.toContain("hunter2");
    expect(message).toContain("mysql://root:***@db/x");
  });
});
