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

describe("SCICAT_PUBLISH_*", () => {
  const target = {
    SCICAT_PUBLISH_URL: "https://scicat.example.org/api/v3/",
    SCICAT_PUBLISH_USERNAME: "ingestor",
    SCICAT_PUBLISH_PASSWORD: "publishing-secret",
  };
  const problem = (env: Record<string, string>) => {
    try {
      parseConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    return "";
  };

  it("is off without a target, and reads the target, its account and the mapping", () => {
    expect(parseConfig({}).publishing).toBeUndefined();
    expect(
      parseConfig({
        ...target,
        SCICAT_PUBLISH_GROUPS: '{"ufo-staff":"ufo"}',
        SCICAT_PUBLISH_ACCESS_GROUPS: "beamline, kit",
        SCICAT_PUBLISH_PROPOSALS: "all",
        SCICAT_PUBLISH_WORKER: "false",
      }).publishing,
    ).toEqual({
      apiUrl: "https://scicat.example.org/api/v3",
      credentials: { username: "ingestor", password: "publishing-secret" },
      proposals: "all",
      groups: { "ufo-staff": "ufo" },
      accessGroups: ["beamline", "kit"],
      frontendUrl: undefined,
      inProcessWorker: false,
    });
    expect(parseConfig({ ...target, SCICAT_PUBLISH_TOKEN: "a-token" }).publishing?.credentials).toEqual({
      token: "a-token",
    });
    expect(parseConfig(target).publishing?.proposals).toBe("opted-in");
  });

  it.each([
    [
      { SCICAT_PUBLISH_URL: "https://scicat.example.org/api/v3" },
      /SCICAT_PUBLISH_USERNAME and SCICAT_PUBLISH_PASSWORD/,
    ],
    [{ ...target, SCICAT_PUBLISH_URL: "https://scicat.example.org" }, /SCICAT_PUBLISH_URL: must end in \/api\/v3/],
    [{ SCICAT_PUBLISH_USERNAME: "ingestor" }, /SCICAT_PUBLISH_URL: required/],
    [{ ...target, SCICAT_PUBLISH_GROUPS: "[1]" }, /SCICAT_PUBLISH_GROUPS: must be a JSON object/],
    [{ ...target, SCICAT_PUBLISH_PROPOSALS: "some" }, /SCICAT_PUBLISH_PROPOSALS: must be all or opted-in/],
  ])("refuses %j, naming the variable and never printing the password", (env, message) => {
    const text = problem(env);
    expect(text).toMatch(message);
    expect(text).not.toContain("publishing-secret");
  });
});
