"use client";

import { useEffect, useRef } from "react";

/** Handheld scanners type far faster than people: keys closer together than this are one burst. */
const burstGapMs = 50;

const formFields = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/**
 * Handheld keyboard-wedge scanners "type" the code and press Enter. This catches them anywhere on
 * the page, without clicking a field first. Keys aimed at form fields are left alone: the manual
 * entry field submits its own form on Enter, and the location field must keep what is typed.
 */
export function useKeyboardWedge(onCode: (text: string) => void): void {
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let buffer = "";
    let lastKeyAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && (formFields.has(target.tagName) || target.isContentEditable)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const now = performance.now();
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
    return () => document.removeEventListener("keydown", onKeyDown, true);
  }, []);
}
