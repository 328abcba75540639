/** Handheld scanners type far faster than people: keys closer together than this are one burst. */
export const burstGapMs = 50;

/**
 * The keys of a keyboard-wedge scanner, collected into codes: a burst of keys (each within
 * `gapMs` of the one before) ended by Enter is a code. `at` is when the key was pressed
 * (the event's timeStamp), not when it is handled: a busy page delays handling, and must not
 * split one scan into two bursts. Pure, so the rules are tested without a browser.
 */
export function createWedgeBuffer(gapMs = burstGapMs) {
  let buffer = "";
  let lastKeyAt = -Infinity;
  return {
    /** Feeds one key; returns the code when Enter ends a burst of at least two characters, else null. */
    key(key: string, at: number): string | null {
      if (at - lastKeyAt > gapMs) buffer = "";
      lastKeyAt = at;
      if (key === "Enter") {
        const code = buffer.length >= 2 ? buffer : null;
        buffer = "";
        return code;
      }
      if (key.length === 1) buffer += key;
      return null;
    },
  };
}

/** A code held in view is decoded ten times a second: it counts again only after this long away. */
export const repeatAfterMs = 2000;

/**
 * Whether a decoded code is a new scan: the same code again from the camera or a handheld scanner
 * within `afterMs` is the same label still in view. Typed codes always count.
 */
export function createRepeatFilter(afterMs = repeatAfterMs) {
  let last: { code: string; at: number } | null = null;
  return {
    isNew(code: string, source: "camera" | "wedge" | "manual", at: number): boolean {
      const previous = last;
      last = { code, at };
      return source === "manual" || previous?.code !== code || at - previous.at >= afterMs;
    },
    /** Forgets the last code (the camera restarted: whatever it sees now is a new scan). */
    reset() {
      last = null;
    },
  };
}
