import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { idAlphabet } from "@/lib/shared/human-ids";
import { createProposal } from "@/lib/proposals/create-proposal";
import { updateProposal } from "@/lib/proposals/update-proposal";
import { createSample } from "@/lib/samples/create-sample";
import { deleteSample } from "@/lib/samples/delete-sample";
import { updateSample } from "@/lib/samples/update-sample";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { createTray } from "@/lib/trays/create-tray";
import { deleteTray } from "@/lib/trays/delete-tray";
import { updateTray } from "@/lib/trays/update-tray";
import { tokenCaller, userCaller } from "../support/callers";
import { rejectsWithoutWriting } from "../support/assertions";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
let ada: UserCaller; // member of the demo proposal
let grace: UserCaller; // member of nothing
let staff: UserCaller;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  ada = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  grace = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
  staff = await userCaller("sam", "STAFF");
});
afterAll(() => database.close());

const validProposal = {
  proposalId: "2026-0100",
  title: "Dynamics of foams under load",
  piFirstname: "Grace",
  piLastname: "Hopper",
  piEmail: "grace.hopper@example.org",
  startTime: "2026-12-07T08:00",
  endTime: "2026-12-09T08:00",
  measurementPeriods: [
    { start: "2026-12-07T08:00", end: "2026-12-07T20:00", instrumentPid: demo.instrumentPid },
    { start: "2026-12-08T08:00", end: "2026-12-08T20:00", comment: "in-situ loading" },
  ],
  members: [{ email: "Colleague@Example.org", role: "MEMBER" as const }],
  metadata: { beamtimeHours: 48, safety: { cryo: false } },
};

describe(`proposal registration (${databaseTier()})`, () => {
  it("returns field errors for bad input and writes nothing", async () => {
    const error = await rejectsWithoutWriting(
      database,
      () =>
        createProposal(grace, {
          ...validProposal,
          proposalId: "bad id!",
          title: "",
          piEmail: "not-an-email",
          endTime: "2026-12-01T08:00",
          measurementPeriods: [{ start: "2026-12-07T20:00", end: "2026-12-07T08:00" }],
          members: [{ email: "a@example.org" }, { email: "A@example.org" }],
        }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors).sort()).toEqual([
      "endTime",
      "measurementPeriods.0.end",
      "members",
      "piEmail",
      "proposalId",
      "title",
    ]);
  });

  it("refuses proposal IDs that are names of pages", async () => {
    for (const proposalId of ["new", "Import"]) {
      const error = await rejectsWithoutWriting(
        database,
        () => createProposal(grace, { ...validProposal, proposalId }),
        ValidationError,
      );
      expect(error.fieldErrors.proposalId?.[0]).toMatch(/taken by a page/);
    }
  });

  it("registers a proposal with periods, members and typed metadata; the creator becomes its PI", async () => {
    const created = await createProposal(grace, validProposal);
    expect(created.ownerGroup).toBe("proposal-2026-0100");
    expect(created.measurementPeriods).toHaveLength(2);
    expect(created.members.map((m) => `${m.email} ${m.role}`).sort()).toEqual([
      "colleague@example.org MEMBER",
      "grace.hopper@example.org PI",
    ]);
    expect(created.metadata).toEqual({ beamtimeHours: 48, safety: { cryo: false } });
    const audit = await database.prisma.auditLog.findFirstOrThrow({
      where: { entity: "Proposal", entityId: "2026-0100" },
    });
    expect(audit).toMatchObject({ action: "CREATE", actorName: "grace", proposalId: "2026-0100" });
  });

  it("refuses a proposal ID that is taken, and group settings from non-staff", async () => {
    const taken = await rejectsWithoutWriting(database, () => createProposal(ada, validProposal), ConflictError);
    expect(taken.fieldErrors?.proposalId?.[0]).toMatch(/already registered/);
    await rejectsWithoutWriting(
      database,
      () => createProposal(ada, { ...validProposal, proposalId: "2026-0101", ownerGroup: "beamline-staff" }),
      ForbiddenError,
    );
    await rejectsWithoutWriting(
      database,
      () => createProposal(ada, { ...validProposal, proposalId: "2026-0102", accessGroups: ["everyone"] }),
      ForbiddenError,
    );
    const byStaff = await createProposal(staff, {
      ...validProposal,
      proposalId: "2026-0103",
      ownerGroup: "p-0103",
      accessGroups: ["ufo-staff"],
    });
    expect(byStaff.accessGroups).toEqual(["ufo-staff"]);
  });

  it("lets members edit, records what changed, and keeps others out", async () => {
    await updateProposal(grace, "2026-0100", {
      ...validProposal,
      title: "Dynamics of metal foams under load",
      members: [{ email: "grace.hopper@example.org", role: "PI" }],
    });
    const entry = await database.prisma.auditLog.findFirstOrThrow({
      where: { entity: "Proposal", entityId: "2026-0100", action: "UPDATE" },
    });
    expect(entry.changes).toMatchObject({
      title: ["Dynamics of foams under load", "Dynamics of metal foams under load"],
      members: [["colleague@example.org (MEMBER)", "grace.hopper@example.org (PI)"], ["grace.hopper@example.org (PI)"]],
    });
    await rejectsWithoutWriting(database, () => updateProposal(ada, "2026-0100", validProposal), NotFoundError);
    await rejectsWithoutWriting(
      database,
      () => updateProposal(grace, "2026-0100", { ...validProposal, proposalId: "2026-0999" }),
      ConflictError,
    );
  });
});

describe(`trays (${databaseTier()})`, () => {
  it("get a generated, unambiguous ID or the one given; a taken ID is a conflict at the field", async () => {
    const generated = await createTray(ada, demo.proposalId, { name: "Foams", rows: 4, columns: 6 });
    expect(generated.trayId).toMatch(new RegExp(`^T-[${idAlphabet}]{5}$`));
    const given = await createTray(ada, demo.proposalId, { trayId: "UFO-2026-A", name: "Given", rows: 1, columns: 8 });
    expect(given.trayId).toBe("UFO-2026-A");
    const conflict = await rejectsWithoutWriting(
      database,
      () => createTray(ada, demo.proposalId, { trayId: "UFO-2026-A", name: "again", rows: 1, columns: 8 }),
      ConflictError,
    );
    expect(conflict.fieldErrors?.trayId).toHaveLength(1);
    const invalid = await rejectsWithoutWriting(
      database,
      () => createTray(ada, demo.proposalId, { name: "", rows: 0, columns: 100 }),
      ValidationError,
    );
    expect(Object.keys(invalid.fieldErrors).sort()).toEqual(["columns", "name", "rows"]);
    await rejectsWithoutWriting(
      database,
      () => createTray(grace, demo.proposalId, { name: "x", rows: 1, columns: 1 }),
      NotFoundError,
    );
  });

  it("cannot shrink past occupied positions", async () => {
    const error = await rejectsWithoutWriting(
      database,
      () => updateTray(ada, "T-DEMO-A", { name: "Pupae", rows: 1, columns: 4 }),
      ConflictError,
    );
    expect(error.message).toMatch(/S-DEMO-05 \(position 5\)/);
    await updateTray(ada, "T-DEMO-A", { name: "Pupae, series 1 (renamed)", rows: 1, columns: 8 });
  });
});

describe(`samples (${databaseTier()})`, () => {
  beforeEach(async () => {
    await database.prisma.sample.deleteMany({ where: { specimenId: { startsWith: "TEST-" } } });
  });

  it("go to the first free position unless one is chosen", async () => {
    const first = await createSample(ada, demo.proposalId, {
      specimenId: "TEST-1",
      specimenName: "Foam 1",
      trayId: "T-DEMO-A",
    });
    expect(first.position).toBe(7);
    expect(first.qrCodeLabel).toBe("Foam 1");
    const chosen = await createSample(ada, demo.proposalId, {
      specimenId: "TEST-2",
      specimenName: "Foam 2",
      trayId: "T-DEMO-B",
      position: "b4",
    });
    expect(chosen.position).toBe(10);
  });

  it("refuse a taken position with the name of the sample holding it, and positions off the tray", async () => {
    const taken = await rejectsWithoutWriting(
      database,
      () => createSample(ada, demo.proposalId, { specimenName: "x", trayId: "T-DEMO-B", position: "A1" }),
      ConflictError,
    );
    expect(taken.fieldErrors?.position?.[0]).toBe(
      "Position A1 of tray T-DEMO-B is already taken by S-DEMO-07 (Amber piece 1); choose a free position.",
    );
    const outside = await rejectsWithoutWriting(
      database,
      () => createSample(ada, demo.proposalId, { specimenName: "x", trayId: "T-DEMO-B", position: "E1" }),
      ValidationError,
    );
    expect(outside.fieldErrors.position).toEqual(["Position E1 is not on this tray (A1 to D6 (or 1 to 24))"]);
    const noTray = await rejectsWithoutWriting(
      database,
      () => createSample(ada, demo.proposalId, { specimenName: "x", trayId: "NOPE" }),
      ValidationError,
    );
    expect(noTray.fieldErrors.trayId).toEqual(["This proposal has no tray NOPE"]);
    const noName = await rejectsWithoutWriting(
      database,
      () => createSample(ada, demo.proposalId, { specimenName: " " }),
      ValidationError,
    );
    expect(Object.keys(noName.fieldErrors)).toEqual(["specimenName"]);
  });

  it("move to free positions only, and record the move", async () => {
    await createSample(ada, demo.proposalId, {
      specimenId: "TEST-3",
      specimenName: "Mover",
      trayId: "T-DEMO-B",
      position: "D6",
    });
    await rejectsWithoutWriting(
      database,
      () => updateSample(ada, "TEST-3", { specimenName: "Mover", trayId: "T-DEMO-B", position: "A3" }),
      ConflictError,
    );
    await updateSample(ada, "TEST-3", {
      specimenName: "Mover",
      trayId: "T-DEMO-B",
      position: "D5",
      status: "RECEIVED",
    });
    const moved = await database.prisma.sample.findUniqueOrThrow({ where: { specimenId: "TEST-3" } });
    expect([moved.position, moved.status]).toEqual([23, "RECEIVED"]);
    const entry = await database.prisma.auditLog.findFirstOrThrow({ where: { entityId: "TEST-3", action: "UPDATE" } });
    expect(entry.changes).toEqual({ placement: ["T-DEMO-B D6", "T-DEMO-B D5"], status: ["REGISTERED", "RECEIVED"] });
  });

  it("with datasets cannot be deleted; without, they can", async () => {
    const error = await rejectsWithoutWriting(database, () => deleteSample(ada, "S-DEMO-01"), ConflictError);
    expect(error.message).toMatch(/has 1 dataset and cannot be deleted.*returned or disposed/);
    await createSample(ada, demo.proposalId, { specimenId: "TEST-4", specimenName: "Spare" });
    await deleteSample(ada, "TEST-4");
    expect(await database.prisma.sample.count({ where: { specimenId: "TEST-4" } })).toBe(0);
    expect(await database.prisma.auditLog.count({ where: { entityId: "TEST-4", action: "DELETE" } })).toBe(1);
  });

  it("are out of reach for users who are not members, and for tokens without samples:write", async () => {
    await rejectsWithoutWriting(
      database,
      () => createSample(grace, demo.proposalId, { specimenName: "x" }),
      NotFoundError,
    );
    await rejectsWithoutWriting(database, () => updateSample(grace, "S-DEMO-02", { specimenName: "x" }), NotFoundError);
    await rejectsWithoutWriting(database, () => deleteSample(staff, "S-DEMO-02"), ForbiddenError);
    const reader = await tokenCaller(["samples:read"]);
    await rejectsWithoutWriting(
      database,
      () => createSample(reader.caller, demo.proposalId, { specimenName: "x" }),
      ForbiddenError,
    );
    const writer = await tokenCaller(["samples:write"]);
    expect(
      (await createSample(writer.caller, demo.proposalId, { specimenId: "TEST-5", specimenName: "by token" }))
        .specimenId,
    ).toBe("TEST-5");
  });

  it("get distinct IDs and positions when created in parallel, even when generated IDs collide", async () => {
    const tray = await createTray(ada, demo.proposalId, { name: "Parallel", rows: 8, columns: 12 });
    // Every create first draws the same ID, so all but one collide and the retry path runs for real;
    // the next draw is the create's own.
    const drawsFor = (i: number) => {
      const draws = ["TEST-P-SHARED", `TEST-P${i}`];
      return () => draws.shift() ?? `TEST-P${i}-late`;
    };
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createSample(ada, demo.proposalId, { specimenName: `parallel ${i}`, trayId: tray.trayId }, drawsFor(i)),
      ),
    );
    expect(created.filter((sample) => sample.specimenId === "TEST-P-SHARED")).toHaveLength(1);
    expect(new Set(created.map((s) => s.specimenId)).size).toBe(30);
    expect(new Set(created.map((s) => s.position)).size).toBe(30);
    expect(Math.max(...created.map((s) => s.position ?? 0))).toBe(30);
  });
});

describe(`deleting trays (${databaseTier()})`, () => {
  it("asks what to do with the samples, keeps them without a tray, or refuses to delete measured ones", async () => {
    const refused = await rejectsWithoutWriting(database, () => deleteTray(ada, "T-DEMO-A"), ConflictError);
    expect(refused.message).toMatch(/holds \d+ samples\. Choose/);
    const measured = await rejectsWithoutWriting(
      database,
      () => deleteTray(ada, "T-DEMO-A", "delete-samples"),
      ConflictError,
    );
    expect(measured.message).toMatch(/S-DEMO-01, S-DEMO-02, S-DEMO-03 have datasets/);
    await deleteTray(ada, "T-DEMO-A", "unassign");
    expect(
      await database.prisma.sample.count({
        where: { specimenId: { in: ["S-DEMO-01", "S-DEMO-06"] }, trayId: null, position: null },
      }),
    ).toBe(2);
    expect(await database.prisma.tray.count({ where: { trayId: "T-DEMO-A" } })).toBe(0);

    const empty = await createTray(ada, demo.proposalId, { name: "Throw-away", rows: 1, columns: 2 });
    await createSample(ada, demo.proposalId, { specimenId: "TEST-GONE", specimenName: "gone", trayId: empty.trayId });
    await deleteTray(ada, empty.trayId, "delete-samples");
    expect(await database.prisma.sample.count({ where: { specimenId: "TEST-GONE" } })).toBe(0);
  });
});
