import { render, screen, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Calibration, maxCalibrationMm, maxCopies } from "@/lib/shared/labels/layout";
import { type LabelTemplate, labelsPerPage, labelTemplates } from "@/lib/shared/labels/templates";
import { labelPrintSchema } from "@/lib/schemas/label-print";
import { type DesignerSample, type DesignerTray, LabelDesigner } from "./LabelDesigner";

/** Needs encoding in the form's action. */
const proposalId = "2026/0042";
const appUrl = "https://registry.example";

function sample(
  specimenId: string,
  trayId: string | null,
  { position = null, printed = false }: { position?: string | null; printed?: boolean } = {},
): DesignerSample {
  return {
    specimenId,
    text: `Pupa ${specimenId.slice(-1)}`,
    trayId,
    position,
    printed,
    payload: `${appUrl}/s/${specimenId}`,
  };
}

const tray = (trayId: string, name: string): DesignerTray => ({
  trayId,
  name,
  layout: "8 × 12",
  payload: `${appUrl}/t/${trayId}`,
});

const trays = [tray("T-ALPHA", "Amber A"), tray("T-BETA", "Amber B"), tray("T-GAMMA", "Empty")];
const samples = [
  sample("S-001", "T-ALPHA", { position: "A1", printed: true }),
  sample("S-002", "T-ALPHA", { position: "A2" }),
  sample("S-003", "T-ALPHA", { position: "A3" }),
  sample("S-004", "T-BETA", { position: "A1", printed: true }),
  sample("S-005", "T-BETA", { position: "A2" }),
  sample("S-006", null),
];
const inTray = (trayId: string) => samples.filter((s) => s.trayId === trayId).length;
const unprinted = samples.filter((s) => !s.printed);

const [firstTemplate] = labelTemplates;
const sheets = labelTemplates.filter((t) => t.kind === "sheet");
const rolls = labelTemplates.filter((t) => t.kind === "roll");
const nothingToPrint = "Nothing to print yet: choose samples or trays.";

function renderDesigner(props: Partial<Parameters<typeof LabelDesigner>[0]> = {}) {
  const user = userEvent.setup();
  render(<LabelDesigner proposalId={proposalId} samples={samples} trays={trays} calibrations={{}} {...props} />);
  return user;
}

/** The count line, as the designer words it: pages are whole sheets of `labelsPerPage`, or one per roll label. */
function countLine(labels: number, template: LabelTemplate = firstTemplate, skip = 0) {
  const pages = Math.ceil((labels + skip) / labelsPerPage(template));
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  return template.kind === "roll"
    ? `${plural(labels, "label")} from the roll.`
    : `${plural(labels, "label")} on ${plural(pages, "sheet")}.`;
}

/** The polite live region under the form that says what will print (or why nothing can). */
function status(): HTMLElement {
  const region = document.querySelector<HTMLElement>('[aria-live="polite"]');
  expect(region).not.toBeNull();
  return region!;
}

const downloadButton = () => screen.getByRole("button", { name: "Download PDF" });
const printButton = () => screen.getByRole("button", { name: "Print preview" });
const preview = () => screen.getByRole("region", { name: "Preview at true size" });
const form = () => downloadButton().closest("form")!;
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

function expectPrintable(text: string) {
  expect(status()).toHaveTextContent(text);
  expect(downloadButton()).toBeEnabled();
  expect(printButton()).toBeEnabled();
}

function expectBlocked(text = nothingToPrint) {
  expect(status()).toHaveTextContent(text);
  expect(downloadButton()).toBeDisabled();
  expect(printButton()).toBeDisabled();
  expect(within(preview()).queryAllByRole("img")).toHaveLength(0);
}

/** IDs on the previewed labels, in order, one per label (QR codes are titled "QR code for <id>"). */
const previewedIds = () =>
  within(preview())
    .queryAllByRole("img", { name: /^QR code for / })
    .map((qr) => qr.textContent?.replace(/^QR code for /, ""));

/** The previewed pages, each as the IDs on its labels (a QR code sits in its label box, which sits on its page). */
function previewedPages(): string[][] {
  const pages = new Map<Element, string[]>();
  for (const qr of within(preview()).queryAllByRole("img", { name: /^QR code for / })) {
    const page = qr.parentElement!.parentElement!;
    pages.set(page, [...(pages.get(page) ?? []), qr.textContent!.replace(/^QR code for /, "")]);
  }
  return [...pages.values()];
}

const chooseSamples = (user: UserEvent, name: string) => user.click(screen.getByRole("radio", { name }));
const chooseFormat = (user: UserEvent, template: LabelTemplate) =>
  user.selectOptions(screen.getByLabelText("Label format"), template.id);

/** Replaces a number field's value as a person does: select what is there, type over it. */
async function typeNumber(user: UserEvent, label: string, value: number) {
  await user.tripleClick(field(label));
  await user.keyboard(String(Math.abs(value)));
  // Typed over a selection, a leading "-" is lost (see the offset defect below); put it in front instead.
  if (value < 0) await user.type(field(label), "-", { initialSelectionStart: 0, initialSelectionEnd: 0 });
  expect(field(label)).toHaveValue(value);
}

/** Submits with "Download PDF" and returns what the browser would post (the navigation itself is cancelled). */
async function download(user: UserEvent): Promise<FormData> {
  const sent: FormData[] = [];
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    sent.push(new FormData(event.target as HTMLFormElement));
  };
  form().addEventListener("submit", onSubmit);
  await user.click(downloadButton());
  form().removeEventListener("submit", onSubmit);
  expect(sent).toHaveLength(1);
  return sent[0];
}

/** The order as app/proposals/[proposalId]/labels.pdf/route.ts reads a posted form (repeated ids as lists). */
function orderOf(data: FormData): Record<string, unknown> {
  const order: Record<string, unknown> = {};
  for (const key of new Set(data.keys()))
    order[key] = ["trayIds", "sampleTrayIds", "specimenIds"].includes(key) ? data.getAll(key) : data.get(key);
  for (const flag of ["showProposal", "showPosition", "showDate"])
    if (data.has("flags") && !data.has(flag)) order[flag] = "false";
  return order;
}

afterEach(() => vi.restoreAllMocks());

describe("label designer: what to print", () => {
  it("starts with all samples on the first format, and counts them", () => {
    renderDesigner();
    expect(screen.getByRole("radio", { name: "All samples" })).toBeChecked();
    expect(screen.getByLabelText("Label format")).toHaveValue(firstTemplate.id);
    expectPrintable(countLine(samples.length));
  });

  it("counts the samples of the chosen trays, and nothing while no tray is chosen", async () => {
    const user = renderDesigner();
    await chooseSamples(user, "Samples in chosen trays");
    expectBlocked();
    const sampleTrays = within(screen.getByRole("group", { name: "Print the samples of" }));

    await user.click(sampleTrays.getByRole("checkbox", { name: "Amber A (T-ALPHA)" }));
    expectPrintable(countLine(inTray("T-ALPHA")));
    await user.click(sampleTrays.getByRole("checkbox", { name: "Amber B (T-BETA)" }));
    expectPrintable(countLine(inTray("T-ALPHA") + inTray("T-BETA")));
    await user.click(sampleTrays.getByRole("checkbox", { name: "Amber A (T-ALPHA)" }));
    expectPrintable(countLine(inTray("T-BETA")));
    expect(previewedIds()).toEqual(["S-004", "S-005"]);
    // A tray without samples adds nothing.
    await user.click(sampleTrays.getByRole("checkbox", { name: "Amber B (T-BETA)" }));
    await user.click(sampleTrays.getByRole("checkbox", { name: "Empty (T-GAMMA)" }));
    expectBlocked();
  });

  it("counts hand-picked samples, and nothing while none is picked", async () => {
    const user = renderDesigner();
    await chooseSamples(user, "Chosen samples");
    expectBlocked();
    const list = within(screen.getByRole("group", { name: "Print these samples" }));
    expect(list.getAllByRole("checkbox")).toHaveLength(samples.length);

    await user.click(list.getByRole("checkbox", { name: /^S-006 · / }));
    await user.click(list.getByRole("checkbox", { name: /^S-002 · / }));
    expectPrintable(countLine(2));
    // In the samples' order, not the order of clicks.
    expect(previewedIds()).toEqual(["S-002", "S-006"]);
    await user.click(list.getByRole("checkbox", { name: /^S-006 · / }));
    expectPrintable(countLine(1));
  });

  it("counts only the samples whose label was not printed yet", async () => {
    const user = renderDesigner();
    await chooseSamples(user, "Only samples not printed yet");
    expectPrintable(countLine(unprinted.length));
    expect(previewedIds()).toEqual(unprinted.map((s) => s.specimenId));
  });

  it("says nothing can print when every sample is printed and no tray label is chosen", async () => {
    const user = renderDesigner({ samples: samples.map((s) => ({ ...s, printed: true })) });
    await chooseSamples(user, "Only samples not printed yet");
    expectBlocked();
  });

  it("adds tray labels to any sample choice, and prints tray labels alone with No samples", async () => {
    const user = renderDesigner();
    await chooseSamples(user, "No samples (tray labels only)");
    expectBlocked();
    const trayLabels = within(screen.getByRole("group", { name: "Tray labels" }));

    await user.click(trayLabels.getByRole("checkbox", { name: "Label for tray Empty (T-GAMMA)" }));
    expectPrintable(countLine(1));
    await user.click(trayLabels.getByRole("checkbox", { name: "Label for tray Amber A (T-ALPHA)" }));
    expectPrintable(countLine(2));
    // Samples first, then tray labels in the trays' order.
    expect(previewedIds()).toEqual(["T-ALPHA", "T-GAMMA"]);

    await chooseSamples(user, "All samples");
    expectPrintable(countLine(samples.length + 2));
    await chooseSamples(user, "Chosen samples");
    expectPrintable(countLine(2));
    await user.click(trayLabels.getByRole("checkbox", { name: "Label for tray Empty (T-GAMMA)" }));
    await user.click(trayLabels.getByRole("checkbox", { name: "Label for tray Amber A (T-ALPHA)" }));
    expectBlocked();
  });

  it("says there are no trays when the proposal has none", () => {
    renderDesigner({ trays: [], samples: samples.map((s) => ({ ...s, trayId: null, position: null })) });
    expect(within(screen.getByRole("group", { name: "Tray labels" })).getByText("No trays.")).toBeInTheDocument();
  });
});

describe("label designer: copies, formats and pages", () => {
  it.each(sheets.map((t) => [t.id, t] as const))(
    "counts the sheets of %s: labels times copies, a new sheet when one is full",
    async (_id, template) => {
      const user = renderDesigner();
      await chooseFormat(user, template);
      expectPrintable(countLine(samples.length, template));
      expect(field("Skip first labels")).toBeEnabled();
      expect(field("Skip first labels")).toHaveAttribute("max", String(labelsPerPage(template) - 1));

      // Just enough copies to need a second sheet: exactly one sheet's worth is the first count past it.
      const copies = Math.ceil((labelsPerPage(template) + 1) / samples.length);
      await typeNumber(user, "Copies of each", copies);
      expectPrintable(countLine(samples.length * copies, template));
      expect(status()).toHaveTextContent("on 2 sheets.");
      expect(previewedPages().map((page) => page.length)).toEqual([
        labelsPerPage(template),
        samples.length * copies - labelsPerPage(template),
      ]);
    },
  );

  it.each(rolls.map((t) => [t.id, t] as const))(
    "prints one label per roll page on %s, and there is nothing to skip",
    async (_id, template) => {
      const user = renderDesigner();
      await typeNumber(user, "Copies of each", 3);
      await chooseFormat(user, template);
      expectPrintable(`${samples.length * 3} labels from the roll.`);
      expect(field("Skip first labels")).toBeDisabled();
      expect(field("Skip first labels")).toHaveValue(0);
      expect(screen.getByText(template.printHint!)).toBeInTheDocument();
    },
  );

  it("skips labels already peeled off the first sheet, up to one sheet less one", async () => {
    const user = renderDesigner();
    const perPage = labelsPerPage(firstTemplate);
    await typeNumber(user, "Skip first labels", perPage - samples.length);
    expectPrintable(countLine(samples.length, firstTemplate, perPage - samples.length));
    expect(status()).toHaveTextContent("on 1 sheet.");
    await typeNumber(user, "Skip first labels", perPage - samples.length + 1);
    expectPrintable(countLine(samples.length, firstTemplate, perPage - samples.length + 1));
    expect(status()).toHaveTextContent("on 2 sheets.");
    // The first sheet has room for all but one after the skipped positions.
    expect(previewedPages().map((page) => page.length)).toEqual([samples.length - 1, 1]);

    await typeNumber(user, "Skip first labels", perPage);
    expectBlocked(`skip: must be less than the ${perPage} labels on one sheet`);
  });

  it("refuses fewer than 1 or more than maxCopies copies", async () => {
    const user = renderDesigner();
    await user.clear(field("Copies of each"));
    expectBlocked("copies: must be at least 1");
    await typeNumber(user, "Copies of each", maxCopies + 1);
    expectBlocked(`copies: must be at most ${maxCopies}`);
    await typeNumber(user, "Copies of each", maxCopies);
    expectPrintable(countLine(samples.length * maxCopies));
  });

  // The skip field shows 0 and is disabled on a roll format: the layout must not get the skip
  // typed on a sheet format either (it did, and the roll was refused with "skip: must be 0").
  it("lets a roll print after a skip was chosen on a sheet format", async () => {
    const user = renderDesigner();
    await typeNumber(user, "Skip first labels", 3);
    await chooseFormat(user, rolls[0]);
    expectPrintable(countLine(samples.length, rolls[0]));
  });
});

describe("label designer: a tray chosen on the proposal page", () => {
  it("preselects Samples in chosen trays with that tray checked", async () => {
    const user = renderDesigner({ initialTray: "T-BETA" });
    expect(screen.getByRole("radio", { name: "Samples in chosen trays" })).toBeChecked();
    const sampleTrays = within(screen.getByRole("group", { name: "Print the samples of" }));
    expect(sampleTrays.getByRole("checkbox", { name: "Amber B (T-BETA)" })).toBeChecked();
    expect(sampleTrays.getByRole("checkbox", { name: "Amber A (T-ALPHA)" })).not.toBeChecked();
    expect(sampleTrays.getByRole("checkbox", { name: "Empty (T-GAMMA)" })).not.toBeChecked();
    // Only the samples are preselected, not a label for the tray itself.
    expect(screen.getByRole("checkbox", { name: "Label for tray Amber B (T-BETA)" })).not.toBeChecked();
    expectPrintable(countLine(inTray("T-BETA")));

    const sent = await download(user);
    expect(sent.get("samples")).toBe("trays");
    expect(sent.getAll("sampleTrayIds")).toEqual(["T-BETA"]);
  });
});

describe("label designer: printer offsets", () => {
  const [calibrated, uncalibrated, alsoCalibrated] = sheets;
  const calibrations: Record<string, Calibration> = {
    [calibrated.id]: { xMm: 1.5, yMm: -0.5 },
    [alsoCalibrated.id]: { xMm: -2, yMm: 3 },
  };
  const expectOffsets = (xMm: number, yMm: number) => {
    expect(field("Horizontal offset")).toHaveValue(xMm);
    expect(field("Vertical offset")).toHaveValue(yMm);
  };

  it("start from the saved calibration of the chosen format, and are remembered per format", async () => {
    const user = renderDesigner({ calibrations });
    expectOffsets(1.5, -0.5);
    await chooseFormat(user, uncalibrated);
    expectOffsets(0, 0);
    await typeNumber(user, "Horizontal offset", 0.7);
    await chooseFormat(user, alsoCalibrated);
    expectOffsets(-2, 3);
    await typeNumber(user, "Vertical offset", -1.2);
    await chooseFormat(user, calibrated);
    expectOffsets(1.5, -0.5);
    await chooseFormat(user, uncalibrated);
    expectOffsets(0.7, 0);
    await chooseFormat(user, alsoCalibrated);
    expectOffsets(-2, -1.2);

    const sent = await download(user);
    expect([sent.get("templateId"), sent.get("xMm"), sent.get("yMm")]).toEqual([alsoCalibrated.id, "-2", "-1.2"]);
  });

  it("move every previewed label by the offset", async () => {
    const user = renderDesigner({ calibrations });
    const firstLabel = () => within(preview()).getByRole("img", { name: "QR code for S-001" }).parentElement!;
    const mm = (value: string) => Number.parseFloat(value);
    expect(mm(firstLabel().style.left)).toBeCloseTo(calibrated.leftMarginMm + 1.5);
    expect(mm(firstLabel().style.top)).toBeCloseTo(calibrated.topMarginMm - 0.5);

    await typeNumber(user, "Horizontal offset", 4);
    expect(mm(firstLabel().style.left)).toBeCloseTo(calibrated.leftMarginMm + 4);
    expect(mm(firstLabel().style.width)).toBeCloseTo(calibrated.labelWidthMm);
  });

  it("refuse offsets beyond maxCalibrationMm", async () => {
    const user = renderDesigner();
    await typeNumber(user, "Horizontal offset", maxCalibrationMm + 1);
    expectBlocked(`calibration.xMm: must be between -${maxCalibrationMm} and ${maxCalibrationMm} mm`);
    await typeNumber(user, "Horizontal offset", maxCalibrationMm);
    expectPrintable(countLine(samples.length));
  });

  // An empty or incomplete number ("", "-") must stay as typed: read as 0 and written back, typing
  // "-1.5" into a cleared field gave "01.5", a +1.5 mm offset in the wrong direction.
  it("keeps the sign of a negative offset typed into a cleared field", async () => {
    const user = renderDesigner();
    await user.clear(field("Horizontal offset"));
    await user.type(field("Horizontal offset"), "-1.5");
    expect(field("Horizontal offset")).toHaveValue(-1.5);
  });
});

describe("label designer: preview at true size", () => {
  it("shows one QR code per label, the copies of an item together", async () => {
    const user = renderDesigner();
    expect(previewedIds()).toEqual(samples.map((s) => s.specimenId));
    await typeNumber(user, "Copies of each", 2);
    expect(previewedIds()).toEqual(samples.flatMap((s) => [s.specimenId, s.specimenId]));
    expect(preview()).toHaveTextContent(/^Preview at true size:/);
  });

  it("shows at most the first 2 pages of a roll", async () => {
    const user = renderDesigner();
    await chooseFormat(user, rolls[0]);
    expect(previewedPages()).toEqual([["S-001"], ["S-002"]]);
    expect(preview()).toHaveTextContent(`Preview at true size (first 2 of ${samples.length} pages):`);
  });

  it("shows at most the first 2 sheets", async () => {
    const user = renderDesigner();
    const perPage = labelsPerPage(firstTemplate);
    const copies = Math.ceil((2 * perPage + 1) / samples.length);
    await typeNumber(user, "Copies of each", copies);
    const pages = Math.ceil((samples.length * copies) / perPage);
    expect(pages).toBeGreaterThan(2);
    expect(previewedPages().map((page) => page.length)).toEqual([perPage, perPage]);
    expect(preview()).toHaveTextContent(`(first 2 of ${pages} pages)`);
  });

  it("shows label text, ID, proposal and tray position, each optional but the text and ID", async () => {
    const user = renderDesigner();
    const label = () => within(within(preview()).getByRole("img", { name: "QR code for S-002" }).parentElement!);
    for (const line of ["Pupa 2", "S-002", proposalId, "T-ALPHA A2"]) expect(label().getByText(line)).toBeVisible();

    await user.click(screen.getByRole("checkbox", { name: "Proposal ID" }));
    expect(label().queryByText(proposalId)).not.toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Tray and position" }));
    expect(label().queryByText("T-ALPHA A2")).not.toBeInTheDocument();
    expect(label().getByText("Pupa 2")).toBeVisible();
    expect(label().getByText("S-002")).toBeVisible();
  });
});

describe("label designer: the form the labels.pdf route reads", () => {
  it("posts to the proposal's labels.pdf", () => {
    renderDesigner();
    expect(form()).toHaveAttribute("method", "post");
    expect(form()).toHaveAttribute("action", `/proposals/${encodeURIComponent(proposalId)}/labels.pdf`);
    expect(downloadButton()).toHaveAttribute("type", "submit");
  });

  it("sends the defaults", async () => {
    const user = renderDesigner();
    const sent = await download(user);
    expect([...sent.entries()]).toEqual([
      ["flags", "1"],
      ["templateId", firstTemplate.id],
      ["samples", "all"],
      ["showProposal", "true"],
      ["showPosition", "true"],
      ["copies", "1"],
      ["skip", "0"],
      ["xMm", "0"],
      ["yMm", "0"],
    ]);
  });

  it("sends the samples of chosen trays, tray labels, copies, offsets and what is on the label", async () => {
    const user = renderDesigner();
    const roll = rolls[0];
    await chooseFormat(user, roll);
    await chooseSamples(user, "Samples in chosen trays");
    await user.click(screen.getByRole("checkbox", { name: "Amber B (T-BETA)" }));
    await user.click(screen.getByRole("checkbox", { name: "Label for tray Amber A (T-ALPHA)" }));
    await user.click(screen.getByRole("checkbox", { name: "Label for tray Empty (T-GAMMA)" }));
    await typeNumber(user, "Copies of each", 3);
    await typeNumber(user, "Horizontal offset", 1.5);
    await typeNumber(user, "Vertical offset", -1);
    await user.click(screen.getByRole("checkbox", { name: "Proposal ID" }));
    await user.click(screen.getByRole("checkbox", { name: "Date" }));
    expectPrintable(countLine((inTray("T-BETA") + 2) * 3, roll));

    const sent = await download(user);
    expect(sent.get("templateId")).toBe(roll.id);
    expect(sent.get("samples")).toBe("trays");
    expect(sent.getAll("sampleTrayIds")).toEqual(["T-BETA"]);
    expect(sent.getAll("trayIds")).toEqual(["T-ALPHA", "T-GAMMA"]);
    expect(sent.has("specimenIds")).toBe(false);
    expect(sent.get("copies")).toBe("3");
    // The disabled skip field of a roll is not sent; the route's default is 0.
    expect(sent.has("skip")).toBe(false);
    expect([sent.get("xMm"), sent.get("yMm")]).toEqual(["1.5", "-1"]);
    expect([sent.get("flags"), sent.get("showProposal"), sent.get("showPosition"), sent.get("showDate")]).toEqual([
      "1",
      null,
      "true",
      "true",
    ]);

    expect(labelPrintSchema.parse(orderOf(sent))).toEqual({
      templateId: roll.id,
      samples: "trays",
      sampleTrayIds: ["T-BETA"],
      specimenIds: [],
      trayIds: ["T-ALPHA", "T-GAMMA"],
      copies: 3,
      skip: 0,
      xMm: 1.5,
      yMm: -1,
      showProposal: false,
      showPosition: true,
      showDate: true,
    });
  });

  it("sends hand-picked samples and the labels to skip", async () => {
    const user = renderDesigner();
    const sheet = sheets[1];
    await chooseFormat(user, sheet);
    await chooseSamples(user, "Chosen samples");
    await user.click(screen.getByRole("checkbox", { name: /^S-005 · / }));
    await user.click(screen.getByRole("checkbox", { name: /^S-001 · / }));
    await typeNumber(user, "Skip first labels", 7);

    const sent = await download(user);
    expect(sent.get("samples")).toBe("selected");
    expect(sent.getAll("specimenIds")).toEqual(["S-001", "S-005"]);
    expect(sent.has("sampleTrayIds")).toBe(false);
    expect(sent.has("trayIds")).toBe(false);
    expect(sent.get("skip")).toBe("7");
    expect(labelPrintSchema.parse(orderOf(sent))).toMatchObject({
      templateId: sheet.id,
      samples: "selected",
      specimenIds: ["S-001", "S-005"],
      skip: 7,
    });
  });

  it("sends only the lists of the current sample choice", async () => {
    const user = renderDesigner({ initialTray: "T-ALPHA" });
    await chooseSamples(user, "Chosen samples");
    await user.click(screen.getByRole("checkbox", { name: /^S-003 · / }));
    await chooseSamples(user, "Only samples not printed yet");
    expectPrintable(countLine(unprinted.length));

    const sent = await download(user);
    expect(sent.get("samples")).toBe("unprinted");
    expect(sent.has("sampleTrayIds")).toBe(false);
    expect(sent.has("specimenIds")).toBe(false);
  });

  it("cannot be sent while nothing is chosen", async () => {
    const user = renderDesigner();
    await chooseSamples(user, "No samples (tray labels only)");
    const submit = vi.fn((event: SubmitEvent) => event.preventDefault());
    form().addEventListener("submit", submit);
    await user.click(downloadButton());
    expect(submit).not.toHaveBeenCalled();
  });

  it("prints the preview with the browser's print dialog", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    const user = renderDesigner();
    await user.click(printButton());
    expect(print).toHaveBeenCalledOnce();
  });
});
