import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/http/action";
import { recordScanEventAction, undoScanEventAction } from "@/lib/scan/actions";
import type { RecordedScan, SampleScan } from "@/lib/scan/scan-result";
import { signalFailure, signalSuccess } from "./feedback";
import { Scanner } from "./Scanner";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }),
  unstable_rethrow: () => undefined,
}));
vi.mock("@/lib/scan/actions", () => ({ recordScanEventAction: vi.fn(), undoScanEventAction: vi.fn() }));
vi.mock("./feedback", () => ({ signalSuccess: vi.fn(), signalFailure: vi.fn() }));

/**
 * The camera, without html5-qrcode: one button per frame the test lets it "decode", each with the
 * decode time the test chose, and a button that reports a (re)started camera.
 */
const camera = vi.hoisted(() => ({ frames: [] as { text: string; at: number }[] }));
vi.mock("./CameraScanner", () => ({
  CameraScanner: ({
    onCode,
    onStarted,
  }: {
    onCode: (text: string, decodedAt: number) => void;
    onStarted: (startedAt: number) => void;
  }) => (
    <section aria-label="Camera stub">
      {camera.frames.map(({ text, at }) => (
        <button key={`${text}@${at}`} type="button" onClick={() => onCode(text, at)}>
          {`Camera decodes ${text} at ${at}`}
        </button>
      ))}
      <button type="button" onClick={() => onStarted(0)}>
        Restart camera
      </button>
    </section>
  ),
}));

const kinds = [
  { kind: "received", label: "Received at the beamline" },
  { kind: "mounted", label: "Mounted in the beam" },
];

function sampleScan(specimenId: string, specimenName: string): SampleScan {
  return {
    kind: "sample",
    sample: { specimenId, specimenName, status: "RECEIVED", description: null },
    proposal: {
      proposalId: "2026-0100",
      title: "Amber inclusions",
      piName: "Ada Lovelace",
      startTime: null,
      endTime: null,
    },
    tray: null,
    datasets: [],
    events: [],
    history: [],
  };
}

/** What GET /api/v1/resolve knows (by ID or by QR payload); S-OTHER-01 exists but is someone else's. */
const resolvable: Record<string, SampleScan> = {
  "S-DEMO-01": sampleScan("S-DEMO-01", "Amber piece 1"),
  "S-DEMO-02": sampleScan("S-DEMO-02", "Amber piece 2"),
  "https://registry.example/s/S-DEMO-01?v=1&x": sampleScan("S-DEMO-01", "Amber piece 1"),
};
const notYours = "Sample S-OTHER-01 belongs to a proposal you are not a member of. Ask its PI or the beamline staff.";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit): Promise<Response> => {
  const url = new URL(String(input), "http://registry.test");
  // Manual entry asks for suggestions while typing; none here.
  if (url.pathname === "/api/v1/resolve/suggestions") return json({ suggestions: [] });
  if (url.pathname !== "/api/v1/resolve") throw new Error(`unexpected request ${url.href}`);
  const code = url.searchParams.get("code") ?? "";
  if (code === "S-OTHER-01") return json({ error: notYours }, 403);
  return code in resolvable ? json(resolvable[code]) : json({ error: `No sample or tray has the ID ${code}.` }, 404);
});

/** The codes the scanner looked up, in order (suggestion requests left out). */
const lookedUp = () =>
  fetchMock.mock.calls
    .map(([input]) => new URL(String(input), "http://registry.test"))
    .filter((url) => url.pathname === "/api/v1/resolve")
    .map((url) => url.searchParams.get("code"));

/** One key press, at the time given (the event's timeStamp), never the clock's. */
function press(key: string, at: number, target: Element = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { ...init, key, bubbles: true, cancelable: true });
  Object.defineProperty(event, "timeStamp", { value: at });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

/** A handheld scanner: the keys of `text` `gap` ms apart from `start`, then Enter; returns the Enter press. */
function wedgeScan(
  text: string,
  start: number,
  { gap = 5, target, init }: { gap?: number; target?: Element; init?: KeyboardEventInit } = {},
) {
  [...text].forEach((key, index) => press(key, start + index * gap, target, init));
  return press("Enter", start + text.length * gap, target, init);
}

async function renderScanner({
  canRecord = false,
  frames = [],
}: { canRecord?: boolean; frames?: { text: string; at: number }[] } = {}) {
  camera.frames = frames;
  const user = userEvent.setup();
  render(<Scanner canRecord={canRecord} kinds={kinds} />);
  // Keys sent before the page listens are lost, as with a real scanner on a loading page.
  expect(await screen.findByText(/Handheld scanners work without clicking anywhere first/)).toBeVisible();
  return user;
}

beforeEach(() => {
  fetchMock.mockClear();
  vi.stubGlobal("fetch", fetchMock);
  vi.mocked(recordScanEventAction).mockReset();
  vi.mocked(undoScanEventAction).mockReset();
  vi.mocked(signalSuccess).mockReset();
  vi.mocked(signalFailure).mockReset();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("scanner, look-up mode", () => {
  it("looks up a handheld scanner's burst and shows the card", async () => {
    await renderScanner();
    expect(screen.getByText("Scan a label to see what it is and whose it is.")).toBeVisible();

    const enter = wedgeScan("S-DEMO-01", 1000);
    // Taken as a scan: Enter must not also press whatever has the focus.
    expect(enter.defaultPrevented).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/resolve?code=S-DEMO-01", { credentials: "same-origin" });

    const card = await screen.findByRole("article", { name: "Sample S-DEMO-01" });
    expect(within(card).getByRole("heading", { name: "Amber piece 1" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent("Found sample S-DEMO-01");
    expect(signalSuccess).toHaveBeenCalledTimes(1);
    expect(signalFailure).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sends a scanned QR payload URL-encoded", async () => {
    await renderScanner();
    wedgeScan("https://registry.example/s/S-DEMO-01?v=1&x", 1000);
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/v1/resolve?code=https%3A%2F%2Fregistry.example%2Fs%2FS-DEMO-01%3Fv%3D1%26x",
      { credentials: "same-origin" },
    );
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-01" })).toBeVisible();
  });

  it("shows the server's message as an alert for an unknown code and for someone else's sample", async () => {
    await renderScanner();
    wedgeScan("S-NOPE-99", 1000);
    expect(await screen.findByRole("alert")).toHaveTextContent("No sample or tray has the ID S-NOPE-99.");
    expect(screen.queryByRole("article")).toBeNull();
    expect(signalFailure).toHaveBeenCalledTimes(1);

    wedgeScan("S-OTHER-01", 2000);
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(notYours));
    expect(signalFailure).toHaveBeenCalledTimes(2);
    expect(signalSuccess).not.toHaveBeenCalled();
    expect(lookedUp()).toEqual(["S-NOPE-99", "S-OTHER-01"]);
  });

  it("leaves keys aimed at the ID field alone, but takes a burst while a button has the focus", async () => {
    await renderScanner();
    const field = screen.getByLabelText("Sample or tray ID");
    const inField = wedgeScan("S-DEMO-01", 1000, { target: field });
    expect(inField.defaultPrevented).toBe(false);
    // Nor are shortcuts (keys with Ctrl, Alt or Meta held) scanner keys.
    for (const modifier of ["ctrlKey", "altKey", "metaKey"] as const) {
      expect(wedgeScan("S-DEMO-01", 1100, { init: { [modifier]: true } }).defaultPrevented).toBe(false);
    }
    expect(fetchMock).not.toHaveBeenCalled();

    // A pressed button may keep the focus: a burst there is a scan, and its Enter does not press the button.
    const onButton = wedgeScan("S-DEMO-02", 2000, { target: screen.getByRole("button", { name: "Look up" }) });
    expect(onButton.defaultPrevented).toBe(true);
    expect(lookedUp()).toEqual(["S-DEMO-02"]);
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-02" })).toBeVisible();
  });

  it("takes only keys at most 50 ms apart as one code", async () => {
    await renderScanner();
    // A person typing: 120 ms between keys.
    expect(wedgeScan("S-DEMO-01", 1000, { gap: 120 }).defaultPrevented).toBe(false);
    // A fast burst, but Enter comes 51 ms after the last key.
    "S-DEMO-01".split("").forEach((key, index) => press(key, 5000 + index * 5));
    expect(press("Enter", 5000 + 8 * 5 + 51).defaultPrevented).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();

    // A gap of 51 ms inside the burst: what came before it is dropped, so the code is not S-DEMO-01.
    "S-DE".split("").forEach((key, index) => press(key, 8000 + index * 5));
    wedgeScan("MO-01", 8000 + 3 * 5 + 51);
    expect(lookedUp()).toEqual(["MO-01"]);
    expect(await screen.findByRole("alert")).toHaveTextContent("No sample or tray has the ID MO-01.");

    // Exactly 50 ms apart is still one burst.
    wedgeScan("S-DEMO-02", 12000, { gap: 50 });
    expect(lookedUp()).toEqual(["MO-01", "S-DEMO-02"]);
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-02" })).toBeVisible();
  });
});

describe("scanner, manual entry", () => {
  it("looks up a typed ID, trimmed, each time it is submitted", async () => {
    const user = await renderScanner();
    await user.type(screen.getByLabelText("Sample or tray ID"), "  S-DEMO-02 ");
    await user.click(screen.getByRole("button", { name: "Look up" }));
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/resolve?code=S-DEMO-02", { credentials: "same-origin" });
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-02" })).toBeVisible();

    // Typed codes are never repeats.
    await user.click(screen.getByRole("button", { name: "Look up" }));
    expect(lookedUp()).toEqual(["S-DEMO-02", "S-DEMO-02"]);
  });
});

describe("scanner, repeat filter", () => {
  it("looks up a code the camera keeps seeing once, and again after 2 s away or a camera restart", async () => {
    const frames = [
      { text: "S-DEMO-01", at: 1000 },
      // Still in view 1999 ms later: the same scan.
      { text: "S-DEMO-01", at: 2999 },
      // 2000 ms after it was last seen: a new scan.
      { text: "S-DEMO-01", at: 4999 },
      // Each sighting counts as "last seen": held in view, it stays one scan.
      { text: "S-DEMO-01", at: 6000 },
      { text: "S-DEMO-01", at: 7500 },
      // Another code in between: the first one counts again at once.
      { text: "S-DEMO-02", at: 7600 },
      { text: "S-DEMO-01", at: 7700 },
      // After a camera restart, whatever it sees is a new scan.
      { text: "S-DEMO-01", at: 7800 },
    ];
    const user = await renderScanner({ frames });
    const decode = (text: string, at: number) =>
      user.click(screen.getByRole("button", { name: `Camera decodes ${text} at ${at}` }));

    await decode("S-DEMO-01", 1000);
    expect(lookedUp()).toEqual(["S-DEMO-01"]);
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-01" })).toBeVisible();
    await decode("S-DEMO-01", 2999);
    expect(lookedUp()).toEqual(["S-DEMO-01"]);
    await decode("S-DEMO-01", 4999);
    expect(lookedUp()).toEqual(["S-DEMO-01", "S-DEMO-01"]);
    await decode("S-DEMO-01", 6000);
    await decode("S-DEMO-01", 7500);
    expect(lookedUp()).toEqual(["S-DEMO-01", "S-DEMO-01"]);

    await decode("S-DEMO-02", 7600);
    await decode("S-DEMO-01", 7700);
    expect(lookedUp()).toEqual(["S-DEMO-01", "S-DEMO-01", "S-DEMO-02", "S-DEMO-01"]);

    await user.click(screen.getByRole("button", { name: "Restart camera" }));
    await decode("S-DEMO-01", 7800);
    expect(lookedUp()).toEqual(["S-DEMO-01", "S-DEMO-01", "S-DEMO-02", "S-DEMO-01", "S-DEMO-01"]);
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-01" })).toBeVisible();
  });

  it("times a handheld scanner's repeats by when its Enter was pressed", async () => {
    await renderScanner();
    wedgeScan("S-DEMO-01", 100_000);
    await waitFor(() => expect(lookedUp()).toEqual(["S-DEMO-01"]));
    // The same label scanned again 1.5 s later (by the events' times): the same scan.
    wedgeScan("S-DEMO-01", 101_500);
    wedgeScan("S-DEMO-02", 101_700);
    wedgeScan("S-DEMO-02", 104_000);
    await waitFor(() => expect(lookedUp()).toEqual(["S-DEMO-01", "S-DEMO-02", "S-DEMO-02"]));
  });
});

function recordedSample(specimenId: string, eventId: string): RecordedScan {
  return {
    code: specimenId,
    kind: "mounted",
    label: "Mounted in the beam",
    trayId: null,
    events: [
      { id: eventId, specimenId, specimenName: `Piece ${specimenId}`, status: "MOUNTED", previousStatus: "RECEIVED" },
    ],
  };
}

const recordedTray: RecordedScan = {
  code: "T-DEMO-A",
  kind: "mounted",
  label: "Mounted in the beam",
  trayId: "T-DEMO-A",
  events: [
    { id: "ev-2", specimenId: "S-DEMO-03", specimenName: "Piece 3", status: "MOUNTED", previousStatus: "RECEIVED" },
    { id: "ev-3", specimenId: "S-DEMO-04", specimenName: "Piece 4", status: "MOUNTED", previousStatus: "RECEIVED" },
  ],
};

/** The server's answers to batch scans, with the messages lib/scan/actions.ts builds. */
async function recordAnswer(code: string): Promise<ActionState<RecordedScan>> {
  if (code === "S-DEMO-01") {
    return { status: "ok", message: "S-DEMO-01: mounted in the beam.", data: recordedSample("S-DEMO-01", "ev-1") };
  }
  if (code === "T-DEMO-A") {
    return { status: "ok", message: "2 samples of tray T-DEMO-A: mounted in the beam.", data: recordedTray };
  }
  return { status: "error", code: 404, message: `No sample or tray has the ID ${code}.` };
}

/** Turns on batch mode and chooses "Mounted in the beam" at "UFO hutch". */
async function startBatch(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("radio", { name: "Record (batch)" }));
  await user.click(screen.getByRole("radio", { name: "Mounted in the beam" }));
  await user.type(screen.getByRole("textbox", { name: "Location (optional)" }), "UFO hutch");
}

const batchItems = () =>
  within(screen.getByRole("list", { name: "Scans of this batch, newest first" }))
    .getAllByRole("listitem")
    .map((item) => item.textContent);

describe("scanner, batch mode", () => {
  it("records each scan in order, lists them newest first, and lists a refused scan", async () => {
    vi.mocked(recordScanEventAction).mockImplementation(recordAnswer);
    const user = await renderScanner({ canRecord: true, frames: [{ text: "T-DEMO-A", at: 2000 }] });
    await startBatch(user);
    expect(screen.getByText("Scan samples or trays; each scan is recorded at once.")).toBeVisible();
    expect(screen.getByRole("button", { name: "Undo last scan" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Record" })).toBeVisible();

    // Keys aimed at the location field stay there.
    const location = screen.getByRole("textbox", { name: "Location (optional)" });
    expect(wedgeScan("S-DEMO-02", 500, { target: location }).defaultPrevented).toBe(false);
    expect(recordScanEventAction).not.toHaveBeenCalled();

    // Handheld scanner, with the chosen event kind's radio button in focus.
    wedgeScan("S-DEMO-01", 1000, { target: screen.getByRole("radio", { name: "Mounted in the beam" }) });
    expect(await screen.findByText("S-DEMO-01: mounted in the beam.", { selector: "li div" })).toBeVisible();
    // Camera.
    await user.click(screen.getByRole("button", { name: "Camera decodes T-DEMO-A at 2000" }));
    expect(
      await screen.findByText("2 samples of tray T-DEMO-A: mounted in the beam.", { selector: "li div" }),
    ).toBeVisible();
    // Typed.
    await user.type(screen.getByLabelText("Sample or tray ID"), "S-NOPE-99");
    await user.click(screen.getByRole("button", { name: "Record" }));
    expect(
      await screen.findByText("Not recorded: No sample or tray has the ID S-NOPE-99.", { selector: "li" }),
    ).toBeVisible();

    expect(vi.mocked(recordScanEventAction).mock.calls).toEqual([
      ["S-DEMO-01", "mounted", "UFO hutch"],
      ["T-DEMO-A", "mounted", "UFO hutch"],
      ["S-NOPE-99", "mounted", "UFO hutch"],
    ]);
    expect(batchItems()).toEqual([
      "Not recorded: No sample or tray has the ID S-NOPE-99.",
      "2 samples of tray T-DEMO-A: mounted in the beam.Applied to every sample in the tray: S-DEMO-03, S-DEMO-04",
      "S-DEMO-01: mounted in the beam.Piece S-DEMO-01: received → mounted",
    ]);
    expect(screen.getByRole("heading", { name: "This batch (2 scans)" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent("Not recorded: No sample or tray has the ID S-NOPE-99.");
    expect(signalSuccess).toHaveBeenCalledTimes(2);
    expect(signalFailure).toHaveBeenCalledTimes(1);
    // Batch mode records; it does not look anything up.
    expect(lookedUp()).toEqual([]);
  });

  it("sends the next scan only when the one before has been answered", async () => {
    const answers: ((state: ActionState<RecordedScan>) => void)[] = [];
    vi.mocked(recordScanEventAction).mockImplementation(
      () => new Promise<ActionState<RecordedScan>>((resolve) => answers.push(resolve)),
    );
    const user = await renderScanner({ canRecord: true });
    await startBatch(user);

    wedgeScan("S-DEMO-01", 1000);
    wedgeScan("S-DEMO-05", 2000);
    await waitFor(() => expect(recordScanEventAction).toHaveBeenCalledTimes(1));
    expect(recordScanEventAction).toHaveBeenLastCalledWith("S-DEMO-01", "mounted", "UFO hutch");

    act(() =>
      answers[0]({
        status: "ok",
        message: "S-DEMO-01: mounted in the beam.",
        data: recordedSample("S-DEMO-01", "ev-1"),
      }),
    );
    await waitFor(() => {
      expect(recordScanEventAction).toHaveBeenCalledTimes(2);
      expect(batchItems()).toEqual(["S-DEMO-01: mounted in the beam.Piece S-DEMO-01: received → mounted"]);
    });
    expect(recordScanEventAction).toHaveBeenLastCalledWith("S-DEMO-05", "mounted", "UFO hutch");
    // Still busy with the second scan: the first one cannot be undone meanwhile.
    expect(screen.getByRole("button", { name: "Undo last scan" })).toBeDisabled();

    act(() =>
      answers[1]({
        status: "ok",
        message: "S-DEMO-05: mounted in the beam.",
        data: recordedSample("S-DEMO-05", "ev-5"),
      }),
    );
    await waitFor(() =>
      expect(batchItems()).toEqual([
        "S-DEMO-05: mounted in the beam.Piece S-DEMO-05: received → mounted",
        "S-DEMO-01: mounted in the beam.Piece S-DEMO-01: received → mounted",
      ]),
    );
    await waitFor(() => expect(screen.getByRole("button", { name: "Undo last scan" })).toBeEnabled());
  });

  it("undoes the newest recorded scan, skipping refused ones, until nothing recorded is left", async () => {
    vi.mocked(recordScanEventAction).mockImplementation(recordAnswer);
    vi.mocked(undoScanEventAction)
      .mockResolvedValueOnce({
        status: "error",
        code: 409,
        message: "S-DEMO-03 has changed since; nothing was undone.",
      })
      .mockResolvedValueOnce({
        status: "ok",
        message: "Undone: S-DEMO-03 is received again, S-DEMO-04 is received again.",
        data: undefined,
      })
      .mockResolvedValueOnce({ status: "ok", message: "Undone: S-DEMO-01 is received again.", data: undefined });
    const user = await renderScanner({ canRecord: true });
    await startBatch(user);
    wedgeScan("S-DEMO-01", 1000);
    await screen.findByText("S-DEMO-01: mounted in the beam.", { selector: "li div" });
    wedgeScan("T-DEMO-A", 2000);
    await screen.findByText("2 samples of tray T-DEMO-A: mounted in the beam.", { selector: "li div" });
    wedgeScan("S-NOPE-99", 3000);
    await screen.findByText("Not recorded: No sample or tray has the ID S-NOPE-99.", { selector: "li" });
    const undo = screen.getByRole("button", { name: "Undo last scan" });
    // A click on the button while it is disabled (busy) would do nothing.
    const clickUndo = async () => {
      await waitFor(() => expect(undo).toBeEnabled());
      await user.click(undo);
    };

    // Refused by the server: the entry stays, the message is announced.
    await clickUndo();
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("S-DEMO-03 has changed since; nothing was undone."),
    );
    expect(batchItems()).toHaveLength(3);

    // The newest entry is the refused scan; undo takes back every event of the tray scan before it.
    await clickUndo();
    await waitFor(() => expect(batchItems()).toHaveLength(2));
    expect(undoScanEventAction).toHaveBeenNthCalledWith(1, ["ev-2", "ev-3"]);
    expect(undoScanEventAction).toHaveBeenNthCalledWith(2, ["ev-2", "ev-3"]);
    expect(batchItems()).toEqual([
      "Not recorded: No sample or tray has the ID S-NOPE-99.",
      "S-DEMO-01: mounted in the beam.Piece S-DEMO-01: received → mounted",
    ]);
    expect(screen.getByRole("heading", { name: /^This batch \(1 scans?\)$/ })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Undone: S-DEMO-03 is received again, S-DEMO-04 is received again.",
    );

    await clickUndo();
    await waitFor(() => expect(batchItems()).toEqual(["Not recorded: No sample or tray has the ID S-NOPE-99."]));
    expect(undoScanEventAction).toHaveBeenNthCalledWith(3, ["ev-1"]);
    expect(screen.getByRole("status")).toHaveTextContent("Undone: S-DEMO-01 is received again.");
    // Only a refused scan is left: nothing to undo.
    expect(undo).toBeDisabled();
    expect(undoScanEventAction).toHaveBeenCalledTimes(3);
  });
});

describe("scanner, permissions", () => {
  it("offers no batch mode to a user who may not record, and looks scans up", async () => {
    await renderScanner({ canRecord: false });
    expect(screen.queryByRole("radio", { name: "Record (batch)" })).toBeNull();
    expect(screen.queryByRole("group", { name: "Scan mode" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: "Location (optional)" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Undo last scan" })).toBeNull();

    wedgeScan("S-DEMO-01", 1000);
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-01" })).toBeVisible();
    expect(recordScanEventAction).not.toHaveBeenCalled();
  });

  it("starts staff in look-up mode, with batch mode offered", async () => {
    await renderScanner({ canRecord: true });
    expect(screen.getByRole("radio", { name: "Look up" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Record (batch)" })).not.toBeChecked();
    wedgeScan("S-DEMO-01", 1000);
    expect(await screen.findByRole("article", { name: "Sample S-DEMO-01" })).toBeVisible();
    expect(recordScanEventAction).not.toHaveBeenCalled();
  });
});
