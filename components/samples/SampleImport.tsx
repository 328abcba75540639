"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { importSamplesAction, previewImportAction } from "@/lib/samples/import/actions";
import { inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from "@/components/ui/FieldError";
import type { ActionState } from "@/lib/http/action";
import { countOf } from "@/lib/shared/format";
import type { ColumnMapping, ImportTarget, SampleField } from "@/lib/shared/sample-import-columns";
import type { ImportPreview, PreviewRow } from "@/lib/samples/import/preview";

type Props = { proposalId: string; fields: { value: SampleField; label: string }[] };

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

/** Paste or upload → preview with a column mapping and every row's problems → import all at once. */
export function SampleImport({ proposalId, fields }: Props) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewed, setPreviewed] = useState<{ text: string; mapping: ColumnMapping } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  const stale = !preview || !previewed || previewed.text !== text || !sameMapping(previewed.mapping, mapping);
  const rowCount = preview?.rows.length ?? 0;
  const errorCount = preview?.rows.filter((row) => row.errors.length).length ?? 0;
  const canImport = !stale && !pending && rowCount > 0 && errorCount === 0;

  function showProblem(result: Extract<ActionState<unknown>, { status: "error" }>) {
    const entries = Object.entries(result.fieldErrors ?? {});
    setMappingErrors(
      Object.fromEntries(
        entries
          .filter(([key]) => key.startsWith("mapping."))
          .map(([key, messages]) => [key.slice("mapping.".length), messages.join(" ")]),
      ),
    );
    const details = entries.filter(([key]) => key === "text").flatMap(([, messages]) => messages);
    setProblem({ text: result.message, details });
  }

  function runPreview(source: string, chosen: ColumnMapping) {
    startTransition(async () => {
      const result = await previewImportAction(proposalId, source, chosen);
      if (result.status === "ok") {
        setPreview(result.data);
        setMapping(result.data.mapping);
        setPreviewed({ text: source, mapping: result.data.mapping });
        setMappingErrors({});
        setProblem(null);
      } else if (result.status === "error") {
        showProblem(result);
      }
    });
  }

  function runImport() {
    if (!previewed || !preview) return;
    startTransition(async () => {
      const result = await importSamplesAction(proposalId, previewed.text, previewed.mapping);
      if (result.status === "ok") {
        router.push(`/proposals/${encodeURIComponent(proposalId)}`);
        return;
      }
      if (result.status !== "error") return;
      showProblem(result);
      // Someone else saved samples in between: the rows now in conflict get the server's messages.
      const rowErrors = Object.entries(result.fieldErrors ?? {}).filter(([key]) => key.startsWith("rows."));
      if (rowErrors.length) {
        const byLine = new Map(rowErrors.map(([key, messages]) => [Number(key.slice("rows.".length)), messages]));
        setPreview({ ...preview, rows: preview.rows.map((row) => ({ ...row, errors: byLine.get(row.line) ?? [] })) });
      }
    });
  }

  const chooseTarget = (header: string, target: ImportTarget) => {
    const next = { ...mapping, [header]: target };
    setMapping(next);
    runPreview(text, next);
  };

  return (
    <div className="mt-6 grid gap-6">
      {problem && (
        <div role="alert" className="max-w-3xl rounded bg-rose-50 p-3 text-rose-800">
          <p>{problem.text}</p>
          {problem.details.length > 0 && (
            <ul className="mt-1 list-disc pl-6 text-sm">
              {problem.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <form
        className="grid max-w-3xl gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          runPreview(text, mapping);
        }}
      >
        <div>
          <label htmlFor="import-text" className={labelClass}>
            Spreadsheet cells or CSV
          </label>
          <textarea
            id="import-text"
            rows={10}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            aria-describedby="import-text-hint"
            className={`${inputClass} font-mono text-sm`}
            placeholder={"name\ttray\tposition\nPupa day 1\tT-DEMO-A\t1"}
          />
          <p id="import-text-hint" className="mt-1 text-sm text-slate-600">
            Tab-, comma- or semicolon-separated; the first row names the columns.
          </p>
        </div>
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
              const content = await readTableFile(file);
              setText(content);
              runPreview(content, mapping);
            }}
          />
        </div>
        <div>
          <button type="submit" disabled={pending} className={`${secondaryButtonClass} min-h-11 font-medium`}>
            Preview
          </button>
        </div>
      </form>

      {preview && (
        <>
          {preview.headers.length > 0 && (
            <fieldset className="max-w-5xl">
              <legend className="mb-2 text-lg font-semibold text-slate-800">Columns</legend>
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                {preview.headers.map((header, index) => {
                  const id = `import-column-${index}`;
                  const error = mappingErrors[header];
                  return (
                    <div key={header}>
                      <label htmlFor={id} className={labelClass}>
                        Column {header}
                      </label>
                      <select
                        id={id}
                        value={mapping[header] ?? "ignore"}
                        onChange={(event) => chooseTarget(header, event.target.value as ImportTarget)}
                        aria-invalid={!!error}
                        aria-describedby={error ? `${id}-error` : undefined}
                        className={`${inputClass} min-h-11`}
                      >
                        {fields.map((field) => (
                          <option key={field.value} value={field.value}>
                            {field.label}
                          </option>
                        ))}
                        <option value={preview.metadataTargets[header]}>
                          Metadata: {preview.metadataTargets[header].slice("metadata.".length)}
                        </option>
                        <option value="ignore">ignore</option>
                      </select>
                      {error && (
                        <p id={`${id}-error`} className="mt-1 text-sm text-rose-700">
                          {error}
                        </p>
                      )}
                    </div>
                  );
                })}
              </div>
            </fieldset>
          )}

          <p role="status" className="font-medium">
            {countOf(rowCount, "row")}, {errorCount} with errors
            {stale && !pending && " (the text or the columns changed: preview again)"}
          </p>

          <PreviewTable rows={preview.rows} />

          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={runImport}
              disabled={!canImport}
              aria-describedby="import-button-hint"
              className={`${primaryButtonClass} min-h-11`}
            >
              Import {countOf(rowCount, "sample")}
            </button>
            <p id="import-button-hint" className="text-sm text-slate-600">
              {pending
                ? "Working…"
                : stale
                  ? "Preview again before importing."
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
