import { describe, expect, it } from "vitest";
import { proposalSchema } from "@/lib/schemas/proposal";
import { findUnstorableText, jsonNestingExceeds, maxJsonDepth } from "@/lib/shared/untrusted-input";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("JSON nesting", () => {
  it("allows the documented depth and refuses one level more, before anything parses the text", () => {
    expect(maxJsonDepth).toBe(64);
    expect(jsonNestingExceeds(nested(64))).toBe(false);
    expect(jsonNestingExceeds(nested(65))).toBe(true);
    expect(jsonNestingExceeds(`{"a":${'{"b":'.repeat(70)}1${"}".repeat(70)}}`)).toBe(true);
    // 5 000 levels: what overflowed zod's z.json() with a 500 on POST /api/v3/datasets.
    expect(jsonNestingExceeds(nested(5000))).toBe(true);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonNestingExceeds(JSON.stringify({ text: "[".repeat(500) }))).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ text: `\\"${"{".repeat(500)}` }))).toBe(false);
  });
});

describe("text no stored field can hold", () => {
  it("finds NUL in nested strings and keys, with the path", () => {
    expect(findUnstorableText({ scientificMetadata: { sample: { name: "a\u0000b" } } })).toEqual({
      path: "scientificMetadata.sample.name",
      problem: expect.stringContaining("NUL"),
    });
    expect(findUnstorableText({ keywords: ["ok", "x\u0000"] })?.path).toBe("keywords.1");
    expect(findUnstorableText({ metadata: { "k\u0000": 1 } })?.problem).toMatch(/^\(a key\).*NUL/);
  });

  it("finds lone surrogates, and leaves real characters alone (emoji, right-to-left, combining marks)", () => {
    expect(findUnstorableText({ a: "\ud800" })?.problem).toContain("surrogate");
    expect(findUnstorableText({ a: "x\udc00" })?.problem).toContain("surrogate");
    expect(findUnstorableText({ a: "🧪 \u202eעברית\u202c e\u0301", b: [1, true, null] })).toBeNull();
  });

  it("walks deep values without overflowing the stack", () => {
    let value: unknown = "\u0000";
    for (let level = 0; level < 20_000; level++) value = [value];
    expect(findUnstorableText(value)?.problem).toContain("NUL");
  });
});

describe("form text with NUL (server actions reach the schemas directly)", () => {
  it("is a field error of the field, not a database error", () => {
    const result = proposalSchema.safeParse({
      proposalId: "2026-0001",
      title: "Beam\u0000time",
      abstract: "a\u0000",
      metadata: { temperature: "4\u0000K" },
    });
    expect(result.success).toBe(false);
    const fields = result.error!.flatten().fieldErrors;
    expect(fields.title).toEqual([expect.stringContaining("NUL")]);
    expect(fields.abstract).toEqual([expect.stringContaining("NUL")]);
    expect(fields.metadata).toEqual([expect.stringContaining("temperature")]);
  });
});
