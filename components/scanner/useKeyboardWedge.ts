"use client";

import { useEffect, useRef, useState } from "react";

/** Handheld scanners type far faster than people: keys closer together than this are one burst. */
const burstGapMs = 50;

/** Inputs that take typed text; radios, checkboxes and buttons do not, so a burst there is a scan. */
const choiceInputs = new Set(["radio", "checkbox", "button", "submit", "reset", "range", "color", "file", "image"]);

function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !choiceInputs.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * Handheld keyboard-wedge scanners "type" the code and press Enter. This catches them anywhere on
 * the page, without clicking a field first (a chosen radio button or a pressed button may have the
 * focus). Keys aimed at text fields are left alone: the manual entry field submits its own form on
 * Enter, and the location field must keep what is typed.
 */
export function useKeyboardWedge(onCode: (text: string) => void): { listening: boolean } {
  const latest = useRef(onCode);
  const [listening, setListening] = useState(false);
  useEffect(() => {
    latest.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let buffer = "";
    let lastKeyAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (takesText(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // When the key was pressed, not when it is handled: a busy page (loading, rendering a result)
      // delays handling, and must not split one scan into two bursts.
      const now = event.timeStamp;
      if (now - lastKeyAt > burstGapMs) buffer = "";
      lastKeyAt = now;
      if (event.key === "Enter") {
        if (buffer.length >= 2) {
          // Otherwise Enter would also press whichever button has focus.
          event.preventDefault();
          latest.current(buffer);
        }
        buffer = "";
      } else if (event.key.length === 1) {
        buffer += event.key;
      }
    };
    document.addEventListener("keydown", onKeyDown, true);
    // Reports that the subscription above exists (the page says when scanning works): one render at mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setListening(true);
    return () => {
      document.removeEventListener("keydown", onKeyDown, true);
      setListening(false);
    };
  }, []);
  return { listening };
}
