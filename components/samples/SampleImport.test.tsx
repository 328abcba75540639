import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/http/action";
import { importSamplesAction, previewImportAction } from "@/lib/samples/import/actions";
import type { ImportPreview, PreviewRow } from "@/lib/samples/import/preview";
import { type ColumnMapping, sampleFieldLabels, sampleFields } from "@/lib/shared/sample-import-columns";
import { SampleImport } from "./SampleImport";

const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router, unstable_rethrow: () => {} }));
vi.mock("@/lib/samples/import/actions", () => ({ previewImportAction: vi.fn(), importSamplesAction: vi.fn() }));

const proposalId = "2026-0042";

/** Cells as pasted from a spreadsheet: tab-separated, the first row names the columns. */
const cells = [
  "Sample name\tTray\tWell\tNotes",
  "Pupa day 1\tT-DEMO-A\tA1\tfed",
  "Pupa day 2\tT-DEMO-A\t\t",
  "Pupa day 3\tT-NOPE\tA1\t",
].join("\n");
const headers = ["Sample name", "Tray", "Well", "Notes"];
/** What the server suggests for these headers: unknown ones are ignored. */
const suggested: ColumnMapping = {
  "Sample name": "specimenName",
  Tray: "trayId",
  Well: "position",
  Notes: "ignore",
};

/** One row of a preview: no errors and no metadata unless given. */
function previewRow(
  line: number,
  values: Partial<PreviewRow["values"]>,
  { placedAt = null, errors = [] }: { placedAt?: string | null; errors?: string[] } = {},
): PreviewRow {
  return { line, values: { metadata: {}, ...values }, placedAt, errors };
}

/** A preview as previewImportAction answers it, for the headers above. */
function previewOf(rows: PreviewRow[], mapping: ColumnMapping = suggested): ImportPreview {
  const errorCount = rows.filter((row) => row.errors.length).length;
  return {
    headers: Object.keys(mapping),
    mapping,
    metadataTargets: Object.fromEntries(Object.keys(mapping).map((header) => [header, `metadata.${header}`])),
    rows,
    errorCount,
    validCount: rows.length - errorCount,
  };
}

const ok = <Data,>(data: Data, message = "Done."): ActionState<Data> => ({ status: "ok", message, data });

const refused = (
  message: string,
  fieldErrors: Record<string, string[]>,
  code: 409 | 422 = 422,
): ActionState<never> => ({ status: "error", message, code, fieldErrors });

/** The three rows of `cells`, all importable. */
const validRows = [
  previewRow(2, { specimenName: "Pupa day 1", trayId: "T-DEMO-A", position: "A1" }, { placedAt: "A1" }),
  previewRow(3, { specimenName: "Pupa day 2", trayId: "T-DEMO-A" }, { placedAt: "A2" }),
  previewRow(4, { specimenName: "Pupa day 3", trayId: "T-DEMO-A", position: "B1" }, { placedAt: "B1" }),
];

/** An answer the test resolves when it chooses, to look at the component while the action runs. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function renderImport() {
  const user = userEvent.setup();
  render(<SampleImport proposalId={proposalId} />);
  return user;
}

const textArea = () => screen.getByLabelText("Spreadsheet cells or CSV");
const previewButton = () => screen.getByRole("button", { name: "Preview" });
const columnSelect = (header: string) => screen.getByLabelText(`Column ${header}`);
const importButton = () => screen.getByRole("button", { name: /^Import \d+ samples?$/ });
const previewTable = () => screen.getByRole("table", { name: "Import preview" });

/** The row of the preview table for spreadsheet line `line`. */
function lineRow(line: number): HTMLElement {
  const header = within(previewTable()).getByRole("rowheader", { name: String(line) });
  const row = header.closest("tr");
  if (!row) throw new Error(`No table row around line ${line}`);
  return row;
}

/** Every cell of a preview row as text, except the last one (the errors, see `rowErrors`). */
const rowCells = (line: number) =>
  within(lineRow(line))
    .getAllByRole("cell")
    .slice(0, -1)
    .map((cell) => cell.textContent);

/** What the errors cell of a row says: its messages, or "OK". */
function rowErrors(line: number): string[] {
  const errorsCell = within(lineRow(line)).getAllByRole("cell").at(-1);
  if (!errorsCell) throw new Error(`No errors cell in line ${line}`);
  const messages = within(errorsCell).queryAllByRole("listitem");
  return messages.length ? messages.map((item) => item.textContent.replace(/^✗ /, "")) : [errorsCell.textContent];
}

async function pasteAndPreview(user: ReturnType<typeof userEvent.setup>, text = cells) {
  await user.click(textArea());
  await user.paste(text);
  await user.click(previewButton());
}

/**
 * Waits until no action runs any more (the Preview button is disabled while one does). An answer's
 * data shows a moment before its action counts as done, so wait for the answer first, then this.
 */
const settled = () => waitFor(() => expect(previewButton()).toBeEnabled());

beforeEach(() => {
  vi.mocked(previewImportAction).mockReset();
  vi.mocked(importSamplesAction).mockReset();
  router.push.mockReset();
});

describe("sample import", () => {
  it("previews the pasted cells: the count, the server's column mapping, and every row with its errors", async () => {
    vi.mocked(previewImportAction).mockResolvedValue(
      ok(
        previewOf([
          previewRow(
            2,
            {
              specimenName: "Pupa day 1",
              specimenId: "P-0001",
              trayId: "T-DEMO-A",
              position: "A1",
              qrCodeLabel: "P1",
              status: "SHIPPED",
              description: "first",
              metadata: { Notes: "fed", temperature: 4 },
            },
            { placedAt: "A1" },
          ),
          previewRow(3, { specimenName: "Pupa day 2", trayId: "T-DEMO-A" }, { placedAt: "A2" }),
          previewRow(
            4,
            { specimenName: "Pupa day 3", trayId: "T-NOPE", position: "A1" },
            { errors: ["Tray T-NOPE was not found", "Position A1 is already taken by line 2"] },
          ),
        ]),
        "3 rows, 1 with errors",
      ),
    );
    const user = renderImport();
    // Nothing to choose or import before the first preview.
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Import/ })).toBeNull();

    await pasteAndPreview(user);

    await screen.findByRole("table", { name: "Import preview" });
    await settled();
    expect(screen.getByRole("status")).toHaveTextContent(/^3 rows, 1 with errors$/);
    // The first preview sends no mapping of its own: the server suggests one.
    expect(previewImportAction).toHaveBeenCalledExactlyOnceWith(proposalId, cells, {});
    for (const header of headers) expect(columnSelect(header)).toHaveValue(suggested[header]);

    expect(rowCells(2)).toEqual([
      "Pupa day 1",
      "P-0001",
      "T-DEMO-A",
      "A1",
      "P1",
      "shipped",
      "first",
      "Notes: fed; temperature: 4",
    ]);
    // Defaults are shown as the import will apply them: generated ID, the name as label, registered,
    // and the first free position.
    expect(rowCells(3)).toEqual([
      "Pupa day 2",
      "generated",
      "T-DEMO-A",
      "A2 (first free)",
      "Pupa day 2",
      "registered",
      "",
      "",
    ]);
    expect(rowCells(4)).toEqual(["Pupa day 3", "generated", "T-NOPE", "A1", "Pupa day 3", "registered", "", ""]);

    expect(rowErrors(2)).toEqual(["OK"]);
    expect(rowErrors(3)).toEqual(["OK"]);
    expect(rowErrors(4)).toEqual(["Tray T-NOPE was not found", "Position A1 is already taken by line 2"]);
    expect(lineRow(4)).toHaveClass("border-l-rose-600");
    expect(lineRow(2)).not.toHaveClass("border-l-rose-600");

    // One row with an error: nothing can be imported.
    expect(importButton()).toHaveAccessibleName("Import 3 samples");
    expect(importButton()).toBeDisabled();
    expect(importButton()).toHaveAccessibleDescription(
      "Correct the rows with errors first: nothing is imported while any row has one.",
    );
  });

  it("previews again with the changed mapping when a column gets another target", async () => {
    const withNotes: ColumnMapping = { ...suggested, Notes: "metadata.Notes" };
    vi.mocked(previewImportAction)
      .mockResolvedValueOnce(ok(previewOf(validRows)))
      .mockResolvedValueOnce(
        ok(
          previewOf(
            [
              previewRow(
                2,
                { specimenName: "Pupa day 1", trayId: "T-DEMO-A", position: "A1", metadata: { Notes: "fed" } },
                { placedAt: "A1" },
              ),
              ...validRows.slice(1),
            ],
            withNotes,
          ),
        ),
      )
      .mockResolvedValueOnce(ok(previewOf(validRows, { ...withNotes, Well: "ignore" })));
    const user = renderImport();
    await pasteAndPreview(user);
    await screen.findByRole("table", { name: "Import preview" });
    await settled();

    await user.selectOptions(columnSelect("Notes"), "Metadata: Notes");
    await waitFor(() => expect(rowCells(2).at(-1)).toBe("Notes: fed"));
    await settled();
    expect(previewImportAction).toHaveBeenCalledTimes(2);
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, cells, withNotes);
    expect(columnSelect("Notes")).toHaveValue("metadata.Notes");

    // The next change starts from the mapping now shown, not from the server's first suggestion.
    await user.selectOptions(columnSelect("Well"), "ignore");
    // Enabled only once the preview of the mapping on screen is back.
    await waitFor(() => expect(importButton()).toBeEnabled());
    expect(previewImportAction).toHaveBeenCalledTimes(3);
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, cells, { ...withNotes, Well: "ignore" });
    expect(columnSelect("Well")).toHaveValue("ignore");
    expect(columnSelect("Notes")).toHaveValue("metadata.Notes");
  });

  it("keeps a column choice made while an earlier preview was still running", async () => {
    const withNotes: ColumnMapping = { ...suggested, Notes: "metadata.Notes" };
    const withoutWell: ColumnMapping = { ...withNotes, Well: "ignore" };
    const [notesPreview, wellPreview] = [
      deferred<ActionState<ImportPreview>>(),
      deferred<ActionState<ImportPreview>>(),
    ];
    vi.mocked(previewImportAction)
      .mockResolvedValueOnce(ok(previewOf(validRows)))
      .mockReturnValueOnce(notesPreview.promise)
      .mockReturnValueOnce(wellPreview.promise);
    vi.mocked(importSamplesAction).mockResolvedValue(ok({ created: 3 }));
    const user = renderImport();
    await pasteAndPreview(user);
    await screen.findByRole("table", { name: "Import preview" });
    await settled();

    await user.selectOptions(columnSelect("Notes"), "Metadata: Notes");
    // The second change is made before the first change's preview answers.
    await user.selectOptions(columnSelect("Well"), "ignore");
    notesPreview.resolve(ok(previewOf(validRows, withNotes)));
    await waitFor(() => expect(previewImportAction).toHaveBeenCalledTimes(3));
    // The older answer does not put "position" back on the Well column while the newer one runs.
    expect(columnSelect("Well")).toHaveValue("ignore");
    expect(importButton()).toBeDisabled();

    wellPreview.resolve(ok(previewOf(validRows, withoutWell)));
    await waitFor(() => expect(importButton()).toBeEnabled());
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, cells, withoutWell);
    expect(columnSelect("Well")).toHaveValue("ignore");
    expect(columnSelect("Notes")).toHaveValue("metadata.Notes");
    await user.click(importButton());
    await waitFor(() => expect(importSamplesAction).toHaveBeenCalledWith(proposalId, cells, withoutWell));
  });

  it("imports the previewed text with the previewed mapping and opens the proposal", async () => {
    const imported = deferred<ActionState<{ created: number }>>();
    vi.mocked(previewImportAction).mockResolvedValue(ok(previewOf(validRows), "3 rows, 0 with errors"));
    vi.mocked(importSamplesAction).mockReturnValue(imported.promise);
    const user = renderImport();
    await pasteAndPreview(user);

    await waitFor(() => expect(importButton()).toBeEnabled());
    expect(screen.getByRole("status")).toHaveTextContent(/^3 rows, 0 with errors$/);
    expect(importButton()).toHaveAccessibleDescription("All rows are imported in one go, or none.");

    await user.click(importButton());
    await waitFor(() => expect(importSamplesAction).toHaveBeenCalledExactlyOnceWith(proposalId, cells, suggested));
    // While the import runs, neither it nor a preview can be started again.
    await waitFor(() => expect(importButton()).toHaveAccessibleDescription("Working…"));
    expect(importButton()).toBeDisabled();
    expect(previewButton()).toBeDisabled();
    expect(router.push).not.toHaveBeenCalled();

    imported.resolve(ok({ created: 3 }, "3 samples imported."));
    await waitFor(() => expect(router.push).toHaveBeenCalledExactlyOnceWith(`/proposals/${proposalId}`));
  });

  it("does not import a preview that no longer matches the text", async () => {
    const edited = `${cells}\nPupa day 4\tT-DEMO-A\t\t`;
    vi.mocked(previewImportAction)
      .mockResolvedValueOnce(ok(previewOf(validRows)))
      .mockResolvedValueOnce(
        ok(previewOf([...validRows, previewRow(5, { specimenName: "Pupa day 4", trayId: "T-DEMO-A" })])),
      );
    vi.mocked(importSamplesAction).mockResolvedValue(ok({ created: 4 }));
    const user = renderImport();
    await pasteAndPreview(user);
    await waitFor(() => expect(importButton()).toBeEnabled());

    await user.type(textArea(), "\nPupa day 4\tT-DEMO-A\t\t");
    expect(textArea()).toHaveValue(edited);
    expect(importButton()).toBeDisabled();
    expect(importButton()).toHaveAccessibleDescription("Preview again before importing.");
    expect(screen.getByRole("status")).toHaveTextContent(
      /^3 rows, 0 with errors \(the text or the columns changed: preview again\)$/,
    );

    await user.click(previewButton());
    await waitFor(() => expect(importButton()).toBeEnabled());
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, edited, suggested);
    expect(importButton()).toHaveAccessibleName("Import 4 samples");

    await user.click(importButton());
    await waitFor(() => expect(router.push).toHaveBeenCalledWith(`/proposals/${proposalId}`));
    expect(importSamplesAction).toHaveBeenCalledExactlyOnceWith(proposalId, edited, suggested);
  });

  it("marks the rows the import refused with the server's messages", async () => {
    vi.mocked(previewImportAction).mockResolvedValue(ok(previewOf(validRows)));
    vi.mocked(importSamplesAction).mockResolvedValue(
      refused(
        "Samples were saved in the meantime: 1 row conflicts",
        {
          "rows.3": ["Position A2 of tray T-DEMO-A is now taken by Larva 7", "Specimen ID taken"],
          "rows.99": ["A line that is not in the preview"],
        },
        409,
      ),
    );
    const user = renderImport();
    await pasteAndPreview(user);
    await waitFor(() => expect(importButton()).toBeEnabled());

    await user.click(importButton());

    expect(await screen.findByRole("alert")).toHaveTextContent(/^Samples were saved in the meantime: 1 row conflicts$/);
    await settled();
    expect(rowErrors(3)).toEqual(["Position A2 of tray T-DEMO-A is now taken by Larva 7", "Specimen ID taken"]);
    expect(lineRow(3)).toHaveClass("border-l-rose-600");
    expect(rowErrors(2)).toEqual(["OK"]);
    expect(rowErrors(4)).toEqual(["OK"]);
    expect(screen.getByRole("status")).toHaveTextContent(/^3 rows, 1 with errors$/);
    expect(importButton()).toBeDisabled();
    expect(router.push).not.toHaveBeenCalled();
  });

  it("shows a refused import's column errors at their columns and its text errors in the alert", async () => {
    vi.mocked(previewImportAction).mockResolvedValue(ok(previewOf(validRows)));
    vi.mocked(importSamplesAction).mockResolvedValue(
      refused("The samples cannot be imported", {
        "mapping.Well": ["Column Well cannot be read as positions"],
        text: ["Line 7: a quoted cell is not closed", "The table is too long"],
      }),
    );
    const user = renderImport();
    await pasteAndPreview(user);
    await waitFor(() => expect(importButton()).toBeEnabled());

    await user.click(importButton());

    const alert = await screen.findByRole("alert");
    await settled();
    expect(within(alert).getByText("The samples cannot be imported")).toBeVisible();
    expect(
      within(alert)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Line 7: a quoted cell is not closed", "The table is too long"]);
    expect(columnSelect("Well")).toHaveAttribute("aria-invalid", "true");
    expect(columnSelect("Well")).toHaveAccessibleDescription("Column Well cannot be read as positions");
    expect(columnSelect("Tray")).toHaveAttribute("aria-invalid", "false");
    expect(columnSelect("Tray")).not.toHaveAccessibleDescription();
    // No row was refused: the rows stay as previewed.
    for (const line of [2, 3, 4]) expect(rowErrors(line)).toEqual(["OK"]);
    expect(router.push).not.toHaveBeenCalled();
  });

  it("keeps a refused column choice on screen with its error, and imports nothing until a preview succeeds", async () => {
    vi.mocked(previewImportAction)
      .mockResolvedValueOnce(ok(previewOf(validRows)))
      .mockResolvedValueOnce(
        refused("The columns cannot be imported like this", {
          "mapping.Tray": ["Column Sample name already goes to Name"],
        }),
      )
      .mockResolvedValueOnce(ok(previewOf(validRows)));
    const user = renderImport();
    await pasteAndPreview(user);
    await waitFor(() => expect(importButton()).toBeEnabled());

    await user.selectOptions(columnSelect("Tray"), "Name");
    expect(await screen.findByRole("alert")).toHaveTextContent(/^The columns cannot be imported like this$/);
    await settled();
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, cells, { ...suggested, Tray: "specimenName" });
    expect(columnSelect("Tray")).toHaveValue("specimenName");
    expect(columnSelect("Tray")).toHaveAccessibleDescription("Column Sample name already goes to Name");
    // The choice on screen was never previewed.
    expect(importButton()).toBeDisabled();
    expect(importButton()).toHaveAccessibleDescription("Preview again before importing.");

    await user.selectOptions(columnSelect("Tray"), "Tray");
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    await settled();
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, cells, suggested);
    expect(columnSelect("Tray")).not.toHaveAccessibleDescription();
    expect(columnSelect("Tray")).toHaveAttribute("aria-invalid", "false");
    expect(importButton()).toBeEnabled();
  });

  it("shows a refused preview's text errors, and clears them with the next preview", async () => {
    const answer = deferred<ActionState<ImportPreview>>();
    vi.mocked(previewImportAction)
      .mockResolvedValueOnce(
        refused("The text could not be read as a table", { text: ["Line 2: a quoted cell is not closed"] }),
      )
      .mockReturnValueOnce(answer.promise);
    const user = renderImport();
    await pasteAndPreview(user, 'Sample name\n"Pupa');

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The text could not be read as a table");
    expect(within(alert).getByRole("listitem")).toHaveTextContent("Line 2: a quoted cell is not closed");
    expect(screen.queryByRole("table")).toBeNull();
    await settled();

    await user.clear(textArea());
    await user.paste(cells);
    await user.click(previewButton());
    // One preview at a time.
    await waitFor(() => expect(previewButton()).toBeDisabled());
    answer.resolve(ok(previewOf(validRows)));

    await screen.findByRole("table", { name: "Import preview" });
    expect(screen.queryByRole("alert")).toBeNull();
    await settled();
    expect(previewImportAction).toHaveBeenLastCalledWith(proposalId, cells, {});
  });

  it("says why a table with headers only cannot be imported", async () => {
    vi.mocked(previewImportAction).mockResolvedValue(ok(previewOf([])));
    const user = renderImport();
    await pasteAndPreview(user, headers.join("\t"));
    expect(await screen.findByText("0 rows, 0 with errors")).toBeVisible();
    await settled();
    expect(screen.getByRole("button", { name: "Import 0 samples" })).toBeDisabled();
    expect(screen.getByText("The table has a header row but no samples below it.")).toBeVisible();
  });

  it("offers every sample field, the column's metadata key and ignore for each column", async () => {
    const mapping: ColumnMapping = { "Sample name": "specimenName", "meta: temperature": "metadata.temperature" };
    vi.mocked(previewImportAction).mockResolvedValue(
      ok({
        ...previewOf([previewRow(2, { specimenName: "Pupa day 1", metadata: { temperature: 4 } })], mapping),
        metadataTargets: { "Sample name": "metadata.Sample name", "meta: temperature": "metadata.temperature" },
      }),
    );
    const user = renderImport();
    await pasteAndPreview(user, "Sample name\tmeta: temperature\nPupa day 1\t4");

    const options = (header: string) =>
      within(columnSelect(header))
        .getAllByRole("option")
        .map((option) => [option.textContent, option.getAttribute("value")]);
    const fieldOptions = sampleFields.map((field) => [sampleFieldLabels[field], field]);
    expect(await screen.findByLabelText("Column Sample name")).toHaveValue("specimenName");
    expect(options("Sample name")).toEqual([
      ...fieldOptions,
      ["Metadata: Sample name", "metadata.Sample name"],
      ["ignore", "ignore"],
    ]);
    expect(columnSelect("meta: temperature")).toHaveValue("metadata.temperature");
    expect(options("meta: temperature")).toEqual([
      ...fieldOptions,
      ["Metadata: temperature", "metadata.temperature"],
      ["ignore", "ignore"],
    ]);
  });

  it("reads an uploaded file from an older Excel (Windows-1252) and previews it", async () => {
    vi.mocked(previewImportAction).mockResolvedValue(
      ok(previewOf([previewRow(2, { specimenName: "Käfer" })], { "Sample name": "specimenName" })),
    );
    const user = renderImport();
    // "Sample name\nKäfer" with ä as the single byte 0xE4: not valid UTF-8.
    const bytes = Uint8Array.from([...Buffer.from("Sample name\nK"), 0xe4, ...Buffer.from("fer")]);
    const file = new File([bytes], "samples.csv", { type: "text/csv" });
    // jsdom's File has no arrayBuffer(); the browser's answers with the file's bytes.
    Object.defineProperty(file, "arrayBuffer", { value: async () => bytes.buffer });

    await user.upload(screen.getByLabelText("Or upload a CSV/TSV file"), file);

    await waitFor(() => expect(previewImportAction).toHaveBeenCalledOnce());
    expect(previewImportAction).toHaveBeenCalledWith(proposalId, "Sample name\nKäfer", {});
    expect(textArea()).toHaveValue("Sample name\nKäfer");
    expect(await screen.findByRole("rowheader", { name: "2" })).toBeVisible();
    expect(rowCells(2)[0]).toBe("Käfer");
  });
});
