"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Field, labelClass } from "@/components/ui/Field";
import { Select, Textarea } from "@/components/ui/Input";
import { Notice } from "@/components/ui/Notice";
import { type ActionError, useAction } from "@/components/ui/useAction";
import { importSamplesAction, previewImportAction } from "@/lib/samples/import/actions";
import type { ImportPreview, PreviewRow } from "@/lib/samples/import/preview";
import { countOf } from "@/lib/shared/format";
import { proposalPath } from "@/lib/shared/page-paths";
import {
  type ColumnMapping,
  type ImportTarget,
  sampleFieldLabels,
  sampleFields,
} from "@/lib/shared/sample-import-columns";

type Problem = { text: string; details: string[] };

const sameMapping = (a: ColumnMapping, b: ColumnMapping) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([header, target]) => b[header] === target);

/** Files from older Excel versions are Windows-1252, not UTF-8; guessing right keeps the umlauts. */
async function readTableFile(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Field errors keyed `<prefix><name>`, by name. */
const errorsUnder = (error: ActionError, prefix: string) =>
  Object.entries(error.fieldErrors ?? {})
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, messages]) => [key.slice(prefix.length), messages] as const);

/** Paste or upload → preview with a column mapping and every row's problems → import all at once. */
export function SampleImport({ proposalId }: { proposalId: string }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewed, setPreviewed] = useState<{ text: string; mapping: ColumnMapping } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});

  function showProblem(error: ActionError) {
    setMappingErrors(
      Object.fromEntries(errorsUnder(error, "mapping.").map(([header, messages]) => [header, messages.join(" ")])),
    );
    setProblem({ text: error.message, details: error.fieldErrors?.text ?? [] });
  }

  // Previews queue up while someone changes columns quickly: only the newest one's answer is shown,
  // so an older answer never puts back a column choice made since.
  const previewing = useAction(previewImportAction, {
    onlyNewest: true,
    onSuccess: (result, { args: [, source] }) => {
      setPreview(result);
      setMapping(result.mapping);
      setPreviewed({ text: source, mapping: result.mapping });
      setMappingErrors({});
      setProblem(null);
    },
    onError: showProblem,
  });
  const importing = useAction(importSamplesAction, {
    onSuccess: () => router.push(proposalPath(proposalId)),
    onError: (error) => {
      showProblem(error);
      // Someone else saved samples in between: the rows now in conflict get the server's messages.
      const rowErrors = new Map(errorsUnder(error, "rows.").map(([line, messages]) => [Number(line), messages]));
      if (rowErrors.size && preview)
        setPreview({
          ...preview,
          rows: preview.rows.map((row) => ({ ...row, errors: rowErrors.get(row.line) ?? [] })),
        });
    },
  });
  const pending = previewing.pending || importing.pending;

  const stale = !preview || !previewed || previewed.text !== text || !sameMapping(previewed.mapping, mapping);
  const rowCount = preview?.rows.length ?? 0;
  const errorCount = preview?.rows.filter((row) => row.errors.length).length ?? 0;
  const canImport = !stale && !pending && rowCount > 0 && errorCount === 0;

  const runPreview = (source: string, chosen: ColumnMapping) => previewing.run(proposalId, source, chosen);
  const runImport = () => previewed && importing.run(proposalId, previewed.text, previewed.mapping);

  const chooseTarget = (header: string, target: ImportTarget) => {
    const next = { ...mapping, [header]: target };
    setMapping(next);
    runPreview(text, next);
  };

  return (
    <div className="mt-6 grid gap-6">
      {problem && (
        <Notice tone="error" details={problem.details} className="max-w-3xl">
          {problem.text}
        </Notice>
      )}

      <form
        className="grid max-w-3xl gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          runPreview(text, mapping);
        }}
      >
        <Field
          id="import-text"
          label="Spreadsheet cells or CSV"
          hint="Tab-, comma- or semicolon-separated; the first row names the columns."
        >
          {(control) => (
            <Textarea
              {...control}
              rows={10}
              value={text}
              onChange={(event) => setText(event.target.value)}
              spellCheck={false}
              className="font-mono text-sm"
              placeholder={"name\ttray\tposition\nPupa day 1\tT-DEMO-A\t1"}
            />
          )}
        </Field>
        <div>
          <label htmlFor="import-file" className={labelClass}>
            Or upload a CSV/TSV file
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            className="file:bg-brand-50 file:text-brand-700 block min-h-11 w-full file:mr-3 file:min-h-11 file:rounded file:border-0 file:px-4 file:font-medium"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              // Cleared, so that choosing the same file again (after editing it) reads it again.
              event.target.value = "";
              const content = await readTableFile(file);
              setText(content);
              runPreview(content, mapping);
            }}
          />
        </div>
        <div>
          <Button type="submit" disabled={pending} className="min-h-11">
            Preview
          </Button>
        </div>
      </form>

      {preview && (
        <>
          {preview.headers.length > 0 && (
            <fieldset className="max-w-5xl">
              <legend className="mb-2 text-lg font-semibold text-slate-800">Columns</legend>
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                {preview.headers.map((header, index) => (
                  <Field
                    key={header}
                    id={`import-column-${index}`}
                    label={`Column ${header}`}
                    error={mappingErrors[header]}
                  >
                    {(control) => (
                      <Select
                        {...control}
                        value={mapping[header] ?? "ignore"}
                        onChange={(event) => chooseTarget(header, event.target.value as ImportTarget)}
                        className="min-h-11"
                      >
                        {sampleFields.map((field) => (
                          <option key={field} value={field}>
                            {sampleFieldLabels[field]}
                          </option>
                        ))}
                        <option value={preview.metadataTargets[header]}>
                          Metadata: {preview.metadataTargets[header].slice("metadata.".length)}
                        </option>
                        <option value="ignore">ignore</option>
                      </Select>
                    )}
                  </Field>
                ))}
              </div>
            </fieldset>
          )}

          <p role="status" className="font-medium">
            {countOf(rowCount, "row")}, {errorCount} with errors
            {stale && !pending && " (the text or the columns changed: preview again)"}
          </p>

          <PreviewTable rows={preview.rows} />

          <div className="flex flex-wrap items-center gap-3">
            <Button
              variant="primary"
              onClick={runImport}
              disabled={!canImport}
              aria-describedby="import-button-hint"
              className="min-h-11"
            >
              Import {countOf(rowCount, "sample")}
            </Button>
            <p id="import-button-hint" className="text-sm text-slate-600">
              {pending
                ? "Working…"
                : stale
                  ? "Preview again before importing."
                  : rowCount === 0
                    ? "The table has a header row but no samples below it."
                    : errorCount
                      ? "Correct the rows with errors first: nothing is imported while any row has one."
                      : "All rows are imported in one go, or none."}
            </p>
          </div>
        </>
      )}
    </div>
  );
}

function metadataText(metadata: PreviewRow["values"]["metadata"]): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
}

function positionText(row: PreviewRow): string {
  if (row.values.position) return row.placedAt ?? row.values.position;
  return row.placedAt ? `${row.placedAt} (first free)` : "";
}

const cell = "border-b border-slate-200 px-2 py-2 align-top";

function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  // Thousands of rows: render them once per preview, not on every keystroke in the text area.
  const body = useMemo(
    () =>
      rows.map((row) => {
        const failed = row.errors.length > 0;
        return (
          <tr key={row.line} className={failed ? "border-l-4 border-l-rose-600 bg-rose-50" : undefined}>
            <th scope="row" className={`${cell} text-right font-mono font-normal`}>
              {row.line}
            </th>
            <td className={cell}>{row.values.specimenName}</td>
            <td className={`${cell} font-mono`}>
              {row.values.specimenId ?? <span className="text-slate-600">generated</span>}
            </td>
            <td className={`${cell} font-mono`}>{row.values.trayId}</td>
            <td className={cell}>{positionText(row)}</td>
            <td className={cell}>{row.values.qrCodeLabel ?? row.values.specimenName}</td>
            <td className={cell}>{(row.values.status ?? "REGISTERED").toLowerCase()}</td>
            <td className={`${cell} max-w-xs`}>{row.values.description}</td>
            <td className={`${cell} max-w-xs font-mono text-xs`}>{metadataText(row.values.metadata)}</td>
            <td className={`${cell} min-w-56`}>
              {failed ? (
                <ul className="text-sm text-rose-800">
                  {row.errors.map((error) => (
                    <li key={error}>
                      <span aria-hidden="true">✗ </span>
                      {error}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-emerald-800">OK</span>
              )}
            </td>
          </tr>
        );
      }),
    [rows],
  );
  return (
    <div
      role="region"
      aria-label="Import preview rows"
      tabIndex={0}
      className="max-h-[70vh] overflow-auto rounded border border-slate-200 bg-white"
    >
      <table className="min-w-full text-sm">
        <caption className="sr-only">Import preview</caption>
        <thead className="sticky top-0 bg-slate-100 text-left">
          <tr>
            {[
              "Line",
              "Name",
              "Specimen ID",
              "Tray",
              "Position",
              "Label text",
              "Status",
              "Description",
              "Metadata",
              "Errors",
            ].map((heading) => (
              <th key={heading} scope="col" className="px-2 py-2 font-medium">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
}
