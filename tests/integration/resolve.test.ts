import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import { config } from "@/lib/platform/config";
import type { Database } from "@/lib/platform/db";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/shared/errors";
import { samplePayload, trayPayload } from "@/lib/shared/qr-payloads";
import { resolveCode } from "@/lib/scan/resolve-code";
import { suggestScanCodes } from "@/lib/scan/suggest-codes";
import { UnknownCodeError } from "@/lib/scan/scan-target";
import type { SampleScan, TrayScan } from "@/lib/scan/scan-result";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
let member: UserCaller;
let other: UserCaller;
let staff: UserCaller;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  member = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  other = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
  staff = await userCaller("sam", "STAFF");
});
afterAll(() => database.close());

const appUrl = () => config().appUrl;

async function rejection(work: Promise<unknown>): Promise<Error> {
  return work.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

describe(`resolving scanned codes (${databaseTier()})`, () => {
  it("resolves a sample URL to its card: proposal, tray position, datasets and history", async () => {
    const scan = (await resolveCode(member, samplePayload(appUrl(), "S-DEMO-01"))) as SampleScan;
    expect(scan.kind).toBe("sample");
    expect(scan.sample).toMatchObject({ specimenId: "S-DEMO-01", specimenName: "Pupa day 1", status: "MEASURED" });
    expect(scan.proposal).toMatchObject({ proposalId: demo.proposalId, piName: expect.any(String) });
    expect(new Date(scan.proposal.startTime!).getTime()).toBeGreaterThan(0);
    expect(scan.tray).toMatchObject({ trayId: "T-DEMO-A", position: 1, positionLabel: "1", rows: 1, columns: 8 });
    expect(scan.datasets).toHaveLength(1);
    expect(scan.datasets![0]).toMatchObject({
      pid: `demo/${demo.proposalId}/scan_0001`,
      size: 4_200_000_000,
      numberOfFiles: 3001,
      sourceFolder: "/beamline/ufo/2026-0042/S-DEMO-01/scan_0001",
    });
    expect(scan.datasets![0].creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The JSON round-trips: what the API sends is what the landing pages render.
    expect(JSON.parse(JSON.stringify(scan))).toEqual(scan);
  });

  it("shows a grid position in row-letter form and the sample's recent events and audit entries", async () => {
    await database.prisma.sampleEvent.create({
      data: {
        sample: { connect: { specimenId: "S-DEMO-08" } },
        kind: "received",
        actorName: "sam",
        location: "hutch",
      },
    });
    await database.prisma.auditLog.create({
      data: { actorName: "sam", action: "UPDATE", entity: "Sample", entityId: "S-DEMO-08", changes: { a: [1, 2] } },
    });
    const scan = (await resolveCode(staff, "S-DEMO-08")) as SampleScan;
    expect(scan.tray).toMatchObject({ trayId: "T-DEMO-B", position: 3, positionLabel: "A3" });
    expect(scan.datasets).toEqual([]);
    expect(scan.events).toEqual([expect.objectContaining({ kind: "received", actorName: "sam", location: "hutch" })]);
    expect(scan.history).toEqual([expect.objectContaining({ action: "UPDATE", changes: { a: [1, 2] } })]);
  });

  it("resolves a tray URL and a bare tray ID to the tray with its samples in position order", async () => {
    const byUrl = (await resolveCode(member, trayPayload(appUrl(), "T-DEMO-B"))) as TrayScan;
    expect(byUrl.kind).toBe("tray");
    expect(byUrl.tray).toEqual({ trayId: "T-DEMO-B", name: "Amber inclusions", rows: 4, columns: 6 });
    expect(byUrl.samples.map((s) => `${s.specimenId}@${s.position}`)).toEqual([
      "S-DEMO-07@1",
      "S-DEMO-08@3",
      "S-DEMO-09@5",
      "S-DEMO-10@7",
      "S-DEMO-11@9",
      "S-DEMO-12@11",
    ]);
    expect(await resolveCode(member, "  T-DEMO-B\r\n")).toEqual(byUrl);
  });

  it("looks a bare ID up as a sample first, then as a tray", async () => {
    await database.prisma.tray.create({
      data: {
        trayId: "S-DEMO-02",
        name: "confusingly named",
        rows: 1,
        columns: 1,
        proposal: { connect: { proposalId: demo.proposalId } },
      },
    });
    expect((await resolveCode(member, "S-DEMO-02")).kind).toBe("sample");
    expect((await resolveCode(member, trayPayload(appUrl(), "S-DEMO-02"))).kind).toBe("tray");
  });

  it("names foreign, invalid and unknown codes", async () => {
    const foreign = await rejection(resolveCode(member, "https://evil.example.com/s/S-DEMO-01"));
    expect(foreign).toBeInstanceOf(ValidationError);
    expect(foreign.message).toBe("This code belongs to another website: https://evil.example.com/s/S-DEMO-01");
    const invalid = await rejection(resolveCode(member, "javascript:alert(1)"));
    expect(invalid).toBeInstanceOf(ValidationError);
    const unknown = await rejection(resolveCode(member, "S-NOPE-99"));
    expect(unknown).toBeInstanceOf(UnknownCodeError);
    expect(unknown.message).toBe("No sample or tray has the ID S-NOPE-99.");
    expect((await rejection(resolveCode(member, samplePayload(appUrl(), "S-NOPE-99")))).message).toBe(
      "No sample has the ID S-NOPE-99.",
    );
    expect((await rejection(resolveCode(member, trayPayload(appUrl(), "T-NOPE")))).message).toBe(
      "No tray has the ID T-NOPE.",
    );
  });

  it("tells another user that the code exists but is not theirs, and nothing of its content", async () => {
    const sample = await rejection(resolveCode(other, samplePayload(appUrl(), "S-DEMO-03")));
    expect(sample).toBeInstanceOf(ForbiddenError);
    expect(sample.message).toBe(
      "Sample S-DEMO-03 belongs to a proposal you are not a member of. Ask its PI or the beamline staff.",
    );
    expect(sample.message).not.toMatch(/Pupa|2026-0042/);
    const tray = await rejection(resolveCode(other, "T-DEMO-A"));
    expect(tray).toBeInstanceOf(ForbiddenError);
    expect(tray.message).toMatch(/^Tray T-DEMO-A belongs to a proposal you are not a member of/);
  });

  it("lets staff resolve everything and refuses anonymous callers", async () => {
    expect((await resolveCode(staff, "S-DEMO-12")).kind).toBe("sample");
    expect(await rejection(resolveCode({ kind: "anonymous" }, "S-DEMO-01"))).toBeInstanceOf(UnauthenticatedError);
  });

  it("lets API tokens with samples:read resolve and refuses those without, before looking anything up", async () => {
    const reader = await tokenCaller(["samples:read"]);
    expect((await resolveCode(reader.caller, "S-DEMO-01")).kind).toBe("sample");
    const writer = await tokenCaller(["events:write"]);
    const refused = await rejection(resolveCode(writer.caller, "S-NOPE-99"));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused.message).toMatch(/samples:read/);
  });

  it("suggests only IDs the caller may see, by ID or name", async () => {
    const mine = await suggestScanCodes(member, "amber");
    expect(mine.map((s) => s.id)).toEqual(expect.arrayContaining(["S-DEMO-07", "T-DEMO-B"]));
    expect(await suggestScanCodes(other, "demo")).toEqual([]);
    expect((await suggestScanCodes(staff, "t-demo")).map((s) => s.id)).toEqual(["T-DEMO-A", "T-DEMO-B"]);
    expect(await suggestScanCodes(member, "a")).toEqual([]);
  });
});
