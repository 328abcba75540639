import { describe, expect, it } from "vitest";
import { isSafePathId } from "@/lib/shared/path-ids";
import { datasetPath } from "@/lib/shared/page-paths";

describe("IDs in URL paths", () => {
  it("accept pids with slashes and dots inside their parts", () => {
    for (const pid of ["demo/2026-0042/scan_0001", "10.5281/zenodo.123", "a.b/..c/d..", "x%2Fy", "ümlaut/🙂"])
      expect(isSafePathId(pid), pid).toBe(true);
  });

  it("refuse dot segments, empty parts, whitespace, control characters and backslashes", () => {
    for (const pid of [
      "..",
      ".",
      "../x",
      "x/..",
      "x/./y",
      "a//b",
      "/a",
      "a/",
      "a b",
      "a\tb",
      "a\u0000b",
      "a\u0085b",
      "a\\b",
    ])
      expect(isSafePathId(pid), JSON.stringify(pid)).toBe(false);
  });

  it("link every stored pid inside /datasets/, also one stored before the rule", () => {
    expect(datasetPath("demo/2026-0042/scan#1?x")).toBe("/datasets/demo/2026-0042/scan%231%3Fx");
    const legacy = datasetPath("../../admin/tokens");
    expect(legacy).toBe("/datasets/..%2F..%2Fadmin%2Ftokens");
    expect(new URL(legacy, "https://registry.example").pathname).toBe(legacy);
    expect(new URL(datasetPath("a/%2E%2E/b"), "https://registry.example").pathname).toBe("/datasets/a/%252E%252E/b");
  });
});
