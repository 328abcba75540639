import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/platform/config";

const account = { username: "ufo-ingestor", password: "a-long-functional-secret", scopes: ["datasets:write"] };

describe("SCICAT_FUNCTIONAL_ACCOUNTS", () => {
  it("defaults to none and reads SciCat's functionalAccounts.json shape with scopes", () => {
    expect(parseConfig({}).scicat.functionalAccounts).toEqual([]);
    const accounts = [{ ...account, instrumentPid: "KIT/KARA/UFO" }];
    expect(parseConfig({ SCICAT_FUNCTIONAL_ACCOUNTS: JSON.stringify(accounts) }).scicat.functionalAccounts).toEqual(
      accounts,
    );
  });

  it.each([
    ["not json", /must be a JSON array/],
    [
      JSON.stringify([{ ...account, scopes: ["everything"] }]),
      /SCICAT_FUNCTIONAL_ACCOUNTS\.0\.scopes\.0: unknown scope/,
    ],
    [JSON.stringify([{ ...account, password: "short" }]), /password: at least 12 characters/],
    [JSON.stringify([account, account]), /each username may appear once/],
  ])("refuses %s, naming the problem and never printing the value", (value, message) => {
    let error: unknown;
    try {
      parseConfig({ SCICAT_FUNCTIONAL_ACCOUNTS: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("a-long-functional-secret");
    expect((error as Error).message).not.toContain('not json"');
  });
});
