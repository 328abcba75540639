import { describe, expect, it } from "vitest";
import { burstGapMs, createRepeatFilter, createWedgeBuffer, repeatAfterMs } from "./wedge-buffer";

/** Feeds `text` as key presses `gap` ms apart from `start`, then Enter; returns what the buffer made of it. */
function scan(wedge: ReturnType<typeof createWedgeBuffer>, text: string, start: number, gap = 5) {
  const codes = [...text].map((key, index) => wedge.key(key, start + index * gap));
  codes.push(wedge.key("Enter", start + text.length * gap));
  return codes.filter((code) => code !== null);
}

describe("keyboard-wedge buffer", () => {
  it("turns a fast burst ended by Enter into one code", () => {
    expect(scan(createWedgeBuffer(), "S-DEMO-01", 1000)).toEqual(["S-DEMO-01"]);
  });

  it("keeps a code that spans a gap up to the limit, and starts over after a longer one", () => {
    const wedge = createWedgeBuffer();
    expect(scan(wedge, "T-DEMO-A", 1000, burstGapMs)).toEqual(["T-DEMO-A"]);
    // A person typing "S-" and, later, a scanner's burst: only the burst is the code.
    expect(wedge.key("S", 5000)).toBeNull();
    expect(wedge.key("-", 5000 + burstGapMs + 1)).toBeNull();
    expect(scan(wedge, "S-DEMO-02", 6000)).toEqual(["S-DEMO-02"]);
  });

  it("ignores Enter alone, one character, and keys that are not characters", () => {
    const wedge = createWedgeBuffer();
    expect(wedge.key("Enter", 100)).toBeNull();
    expect(scan(wedge, "x", 1000)).toEqual([]);
    for (const [index, key] of ["Shift", "S", "Shift", "-", "1"].entries()) wedge.key(key, 2000 + index);
    expect(wedge.key("Enter", 2010)).toBe("S-1");
  });

  it("reads two scans in a row as two codes", () => {
    const wedge = createWedgeBuffer();
    expect([...scan(wedge, "S-DEMO-01", 1000), ...scan(wedge, "S-DEMO-02", 1060)]).toEqual(["S-DEMO-01", "S-DEMO-02"]);
  });
});

describe("repeat filter", () => {
  it("counts a code held in view once until it has been away long enough; typed codes always count", () => {
    const repeats = createRepeatFilter();
    expect(repeats.isNew("S-1", "camera", 0)).toBe(true);
    expect(repeats.isNew("S-1", "camera", 100)).toBe(false);
    expect(repeats.isNew("S-1", "wedge", 200)).toBe(false);
    expect(repeats.isNew("S-1", "manual", 300)).toBe(true);
    expect(repeats.isNew("S-2", "camera", 400)).toBe(true);
    expect(repeats.isNew("S-1", "camera", 500)).toBe(true);
    expect(repeats.isNew("S-1", "camera", 500 + repeatAfterMs)).toBe(true);
  });

  it("forgets the last code when the camera restarts", () => {
    const repeats = createRepeatFilter();
    repeats.isNew("S-1", "camera", 0);
    repeats.reset();
    expect(repeats.isNew("S-1", "camera", 10)).toBe(true);
  });
});
