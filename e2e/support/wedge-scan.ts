import { expect, type Page } from "@playwright/test";

/**
 * A handheld scanner: the code as a burst of key presses 5 ms apart, then Enter, sent to whatever
 * has the focus. The press times are set on the events, as the browser sets them for a real
 * scanner: typed through Playwright, a busy CI machine delivered keys far apart and split the
 * burst, so the test depended on the machine's load (the timing rules are tested in
 * components/scanner/wedge-buffer.test.ts).
 */
export async function wedgeScan(page: Page, code: string) {
  // Keys typed before the page listens are lost, as with a real scanner on a loading page.
  await expect(page.getByText("Handheld scanners work without clicking anywhere first")).toBeVisible();
  await page.evaluate(
    (keys) => {
      const start = performance.now();
      keys.forEach((key, index) => {
        const press = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
        Object.defineProperty(press, "timeStamp", { value: start + index * 5 });
        (document.activeElement ?? document.body).dispatchEvent(press);
      });
    },
    [...code, "Enter"],
  );
}
