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
