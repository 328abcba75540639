import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/shared/errors";
import { UnknownCodeError } from "@/lib/scan/scan-target";
import { recordScanEvent, undoScanEvents } from "@/lib/scan/scan-events";
import { seedDemoData } from "@/lib/platform/seed";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
let member: UserCaller;
let staff: UserCaller;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  member = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  staff = await userCaller("sam", "STAFF");
});
afterAll(() => database.close());

const statusOf = async (specimenId: string) =>
  (await database.prisma.sample.findUniqueOrThrow({ where: { specimenId } })).status;
const eventsOf = (specimenId: string) =>
  database.prisma.sampleEvent.findMany({ where: { sample: { specimenId } }, orderBy: { createdAt: "asc" } });
const counts = async () => Promise.all([database.prisma.sampleEvent.count(), database.prisma.auditLog.count()]);

async function rejection(work: Promise<unknown>): Promise<Error> {
  return work.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

describe(`tracking events from batch scans (${databaseTier()})`, () => {
  it("records the event, moves the status and writes an audit row, in one go", async () => {
    const recorded = await recordScanEvent(staff, { code: "S-DEMO-04", kind: "received", location: "UFO hutch" });
    expect(recorded).toMatchObject({
      code: "S-DEMO-04",
      kind: "received",
      label: "Received at the beamline",
      trayId: null,
    });
    expect(recorded.events).toEqual([
      expect.objectContaining({ specimenId: "S-DEMO-04", status: "RECEIVED", previousStatus: "REGISTERED" }),
    ]);
    expect(await statusOf("S-DEMO-04")).toBe("RECEIVED");
    const [event] = await eventsOf("S-DEMO-04");
    expect(event).toMatchObject({
      kind: "received",
      actorId: staff.id,
      actorName: "sam",
      location: "UFO hutch",
      previousStatus: "REGISTERED",
    });
    const audit = await database.prisma.auditLog.findFirstOrThrow({
      where: { entity: "Sample", entityId: "S-DEMO-04" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({
      action: "UPDATE",
      actorName: "sam",
      proposalId: "2026-0042",
      changes: { status: ["REGISTERED", "RECEIVED"], trackingEvent: [null, "received at UFO hutch"] },
    });
  });

  it("undoes the newest scan of a sample and restores the status it had", async () => {
    const mounted = await recordScanEvent(staff, { code: "http://localhost:3000/s/S-DEMO-04", kind: "mounted" });
    expect(await statusOf("S-DEMO-04")).toBe("MOUNTED");
    const received = (await eventsOf("S-DEMO-04"))[0];
    // Undoing an older scan would skip the later one.
    expect(await rejection(undoScanEvents(staff, [received.id]))).toBeInstanceOf(ConflictError);

    expect(await undoScanEvents(staff, [mounted.events[0].id])).toEqual([
      { specimenId: "S-DEMO-04", status: "RECEIVED" },
    ]);
    expect(await statusOf("S-DEMO-04")).toBe("RECEIVED");
    expect((await eventsOf("S-DEMO-04")).map((e) => e.kind)).toEqual(["received"]);
    const audit = await database.prisma.auditLog.findFirstOrThrow({
      where: { entity: "Sample", entityId: "S-DEMO-04" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.changes).toEqual({ status: ["MOUNTED", "RECEIVED"], trackingEvent: ["mounted", null] });

    await undoScanEvents(staff, [received.id]);
    expect(await statusOf("S-DEMO-04")).toBe("REGISTERED");
    expect(await rejection(undoScanEvents(staff, [received.id]))).toBeInstanceOf(NotFoundError);
  });

  it("applies a tray scan to every sample of the tray, and undoes it as one", async () => {
    const recorded = await recordScanEvent(staff, { code: "T-DEMO-B", kind: "mounted" });
    expect(recorded.trayId).toBe("T-DEMO-B");
    expect(recorded.events.map((e) => e.specimenId)).toEqual([
      "S-DEMO-07",
      "S-DEMO-08",
      "S-DEMO-09",
      "S-DEMO-10",
      "S-DEMO-11",
      "S-DEMO-12",
    ]);
    expect(await statusOf("S-DEMO-12")).toBe("MOUNTED");
    expect((await eventsOf("S-DEMO-12"))[0].note).toBe("scanned with tray T-DEMO-B");
    await undoScanEvents(
      staff,
      recorded.events.map((e) => e.id),
    );
    for (const event of recorded.events) expect(await statusOf(event.specimenId)).toBe("REGISTERED");
  });

  it("refuses users, anonymous callers and tokens without events:write, writing nothing", async () => {
    const before = await counts();
    const asUser = await rejection(recordScanEvent(member, { code: "S-DEMO-05", kind: "received" }));
    expect(asUser).toBeInstanceOf(ForbiddenError);
    expect(asUser.message).toBe("Recording sample events requires the staff role.");
    expect(
      await rejection(recordScanEvent({ kind: "anonymous" }, { code: "S-DEMO-05", kind: "received" })),
    ).toBeInstanceOf(UnauthenticatedError);
    const reader = await tokenCaller(["samples:read"]);
    const asReader = await rejection(recordScanEvent(reader.caller, { code: "S-DEMO-05", kind: "received" }));
    expect(asReader).toBeInstanceOf(ForbiddenError);
    expect(asReader.message).toMatch(/events:write/);
    const [events] = await counts();
    expect(events).toBe(before[0]);
    expect(await statusOf("S-DEMO-05")).toBe("REGISTERED");

    const staffEvent = await recordScanEvent(staff, { code: "S-DEMO-05", kind: "received" });
    expect(await rejection(undoScanEvents(member, [staffEvent.events[0].id]))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(undoScanEvents(reader.caller, [staffEvent.events[0].id]))).toBeInstanceOf(ForbiddenError);
    await undoScanEvents(staff, [staffEvent.events[0].id]);
  });

  it("lets a token with events:write record and undo, named as the token", async () => {
    const { caller } = await tokenCaller(["events:write"], "concert-ufo");
    const recorded = await recordScanEvent(caller, { code: "S-DEMO-06", kind: "measured" });
    const [event] = await eventsOf("S-DEMO-06");
    expect(event).toMatchObject({ actorId: null, actorName: "API token concert-ufo", kind: "measured" });
    expect(await statusOf("S-DEMO-06")).toBe("MEASURED");
    await undoScanEvents(caller, [recorded.events[0].id]);
    expect(await statusOf("S-DEMO-06")).toBe("REGISTERED");
  });

  it("refuses unknown kinds, foreign codes, unknown IDs and empty trays, writing nothing", async () => {
    const before = await counts();
    const kind = await rejection(recordScanEvent(staff, { code: "S-DEMO-05", kind: "eaten" }));
    expect(kind).toBeInstanceOf(ValidationError);
    expect((kind as ValidationError).fieldErrors.kind).toBeDefined();
    expect(
      await rejection(recordScanEvent(staff, { code: "https://elsewhere.org/s/S-DEMO-05", kind: "received" })),
    ).toBeInstanceOf(ValidationError);
    const unknown = await rejection(recordScanEvent(staff, { code: "S-NOPE", kind: "received" }));
    expect(unknown).toBeInstanceOf(UnknownCodeError);
    await database.prisma.tray.create({
      data: {
        trayId: "T-EMPTY",
        name: "empty",
        rows: 1,
        columns: 4,
        proposal: { connect: { proposalId: "2026-0042" } },
      },
    });
    expect(await rejection(recordScanEvent(staff, { code: "T-EMPTY", kind: "received" }))).toBeInstanceOf(
      ConflictError,
    );
    expect(await counts()).toEqual(before);
  });
});
