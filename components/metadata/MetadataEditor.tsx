"use client";

import { useId, useState } from "react";
import { metadataFromEntries, metadataTypes, type MetadataEntry } from "@/lib/shared/metadata-entries";
import { FieldError, inputClass, secondaryButtonClass } from "@/components/ui/FieldError";

type Props = {
  legend: string;
  entries: MetadataEntry[];
  errors: Record<number, string>;
  onChange: (entries: MetadataEntry[]) => void;
};

/** Free-form metadata as typed key/value rows (text, number, boolean, JSON). */
export function MetadataEditor({ legend, entries, errors, onChange }: Props) {
  const prefix = useId();
  const update = (index: number, change: Partial<MetadataEntry>) =>
    onChange(entries.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  return (
    <fieldset className="rounded border border-slate-200 p-3">
      <legend className="px-1 font-medium">{legend}</legend>
      {entries.length === 0 && <p className="text-sm text-slate-600">No metadata yet.</p>}
      <ul className="grid gap-3">
        {entries.map((entry, index) => (
          <li key={index} className="grid gap-2 sm:grid-cols-[1fr_8rem_2fr_auto] sm:items-start">
            <label className="sr-only" htmlFor={`${prefix}-key-${index}`}>
              Key {index + 1}
            </label>
            <input
              id={`${prefix}-key-${index}`}
              placeholder="key"
              value={entry.key}
              onChange={(event) => update(index, { key: event.target.value })}
              className={inputClass}
            />
            <label className="sr-only" htmlFor={`${prefix}-type-${index}`}>
              Type {index + 1}
            </label>
            <select
              id={`${prefix}-type-${index}`}
              value={entry.type}
              onChange={(event) => update(index, { type: event.target.value as MetadataEntry["type"] })}
              className={inputClass}
            >
              {metadataTypes.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
            <div>
              <label className="sr-only" htmlFor={`${prefix}-value-${index}`}>
                Value {index + 1}
              </label>
              {entry.type === "boolean" ? (
                <select
                  id={`${prefix}-value-${index}`}
                  value={entry.value}
                  onChange={(event) => update(index, { value: event.target.value })}
                  aria-invalid={!!errors[index]}
                  aria-describedby={errors[index] ? `${prefix}-error-${index}` : undefined}
                  className={inputClass}
                >
                  <option value="">choose</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              ) : entry.type === "json" ? (
                <textarea
                  id={`${prefix}-value-${index}`}
                  value={entry.value}
                  rows={3}
                  onChange={(event) => update(index, { value: event.target.value })}
                  aria-invalid={!!errors[index]}
                  aria-describedby={errors[index] ? `${prefix}-error-${index}` : undefined}
                  className={`${inputClass} font-mono text-sm`}
                />
              ) : (
                <input
                  id={`${prefix}-value-${index}`}
                  value={entry.value}
                  inputMode={entry.type === "number" ? "decimal" : undefined}
                  onChange={(event) => update(index, { value: event.target.value })}
                  aria-invalid={!!errors[index]}
                  aria-describedby={errors[index] ? `${prefix}-error-${index}` : undefined}
                  className={inputClass}
                />
              )}
              <FieldError id={`${prefix}-error-${index}`} message={errors[index]} />
            </div>
            <button
              type="button"
              onClick={() => onChange(entries.filter((_, i) => i !== index))}
              className={secondaryButtonClass}
            >
              Remove {entry.key || `row ${index + 1}`}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => onChange([...entries, { key: "", type: "text", value: "" }])}
        className={`${secondaryButtonClass} mt-3`}
      >
        Add metadata
      </button>
    </fieldset>
  );
}

/**
 * The editor's state for a form: `metadata()` gives the object to send, or null after showing the
 * bad rows (the caller then stops the submit).
 */
export function useMetadataEditor(initial: MetadataEntry[], onInvalid: () => void) {
  const [entries, setEntries] = useState(initial);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const metadata = () => {
    const converted = metadataFromEntries(entries);
    if ("errors" in converted) {
      setErrors(converted.errors);
      onInvalid();
      return null;
    }
    setErrors({});
    return converted.metadata;
  };
  return { metadata, editorProps: { entries, errors, onChange: setEntries } };
}
