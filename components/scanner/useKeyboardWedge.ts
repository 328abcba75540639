"use client";

import { useEffect, useRef, useState } from "react";
import { createWedgeBuffer } from "./wedge-buffer";

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
/** `onCode` gets the code and when its Enter was pressed (the same clock as `performance.now()`). */
export function useKeyboardWedge(onCode: (text: string, pressedAt: number) => void): { listening: boolean } {
  const latest = useRef(onCode);
  const [listening, setListening] = useState(false);
  useEffect(() => {
    latest.current = onCode;
  }, [onCode]);

  useEffect(() => {
    const wedge = createWedgeBuffer();
    const onKeyDown = (event: KeyboardEvent) => {
      if (takesText(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const code = wedge.key(event.key, event.timeStamp);
      if (code !== null) {
        // Otherwise Enter would also press whichever button has focus.
        event.preventDefault();
        latest.current(code, event.timeStamp);
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
