import { describe, expect, it } from "vitest";
import { fromBeamlineLocal, toBeamlineLocal } from "@/lib/shared/beamline-time";
import { proposalSchema } from "@/lib/schemas/proposal";

describe("beamline time", () => {
  it("reads zone-less form values as Karlsruhe time, in winter and in summer", () => {
    expect(fromBeamlineLocal("2026-12-01T08:00")?.toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(fromBeamlineLocal("2026-07-01T08:00")?.toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(fromBeamlineLocal("2026-12-01")?.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(fromBeamlineLocal("not a date")).toBeNull();
  });

  it("writes instants back as datetime-local values", () => {
    expect(toBeamlineLocal(new Date("2026-12-01T07:00:00Z"))).toBe("2026-12-01T08:00");
    expect(toBeamlineLocal(new Date("2026-03-29T01:30:00Z"))).toBe("2026-03-29T03:30");
    expect(toBeamlineLocal(null)).toBe("");
  });

  it("is what the schemas apply to form input, while ISO text with a zone stays as given", () => {
    const parsed = proposalSchema.parse({
      proposalId: "2026-0001",
      title: "t",
      startTime: "2026-12-01T08:00",
      endTime: "2026-12-02T08:00:00Z",
      measurementPeriods: [{ start: "2026-12-01T08:00", end: "2026-12-01T20:00" }],
    });
    expect(parsed.startTime?.toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(parsed.endTime?.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(parsed.measurementPeriods[0].end.toISOString()).toBe("2026-12-01T19:00:00.000Z");
  });
});

describe("dates that do not exist", () => {
  it("are no instant in beamline time (JavaScript's Date would roll 31 February over to 3 March)", () => {
    for (const text of [
      "2026-02-31",
      "2026-02-29T08:00",
      "2026-13-01",
      "2026-00-10",
      "2026-01-01T25:00",
      "2026-01-01T23:60",
    ])
      expect(fromBeamlineLocal(text), text).toBeNull();
    expect(fromBeamlineLocal("2028-02-29T23:59")?.toISOString()).toBe("2028-02-29T22:59:00.000Z");
  });

  it("are a field error naming the field, zone-less or with a zone, never the day they roll over to", () => {
    const result = proposalSchema.safeParse({
      proposalId: "2026-0001",
      title: "t",
      startTime: "2026-02-31",
      endTime: "2026-02-31T08:00:00Z",
      measurementPeriods: [{ start: "2026-13-01T08:00", end: "2026-12-01T25:00" }],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => issue.path.join("."));
    expect(issues).toEqual(
      expect.arrayContaining(["startTime", "endTime", "measurementPeriods.0.start", "measurementPeriods.0.end"]),
    );
    expect(result.error!.issues.find((issue) => issue.path.join(".") === "measurementPeriods.0.start")?.message).toBe(
      "Start: not a date and time",
    );
  });
});
