import { describe, expect, it } from "vitest";
import { beamlineWeek } from "@/lib/shared/beamline-time";

describe("the beamline week", () => {
  it("runs from Monday 00:00 to Monday 00:00 Karlsruhe time", () => {
    const { from, to } = beamlineWeek(new Date("2026-12-03T12:00:00Z")); // a Thursday
    expect(from.toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(to.toISOString()).toBe("2026-12-06T23:00:00.000Z");
  });

  it("puts Sunday late evening in the week that is ending", () => {
    const { from } = beamlineWeek(new Date("2026-12-06T22:30:00Z")); // Sunday 23:30 in Karlsruhe
    expect(from.toISOString()).toBe("2026-11-29T23:00:00.000Z");
  });
});
