"use client";

import { useId, useState } from "react";
import { metadataFromEntries, metadataTypes, type MetadataEntry } from "@/lib/shared/metadata-entries";
import { Button } from "@/components/ui/Button";
import { controlProps, FieldError } from "@/components/ui/Field";
import { Input, Select, Textarea } from "@/components/ui/Input";

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
        {entries.map((entry, index) => {
          const control = controlProps(`${prefix}-value-${index}`, { error: errors[index] });
          return (
            <li key={index} className="grid gap-2 sm:grid-cols-[1fr_8rem_2fr_auto] sm:items-start">
              <label className="sr-only" htmlFor={`${prefix}-key-${index}`}>
                Key {index + 1}
              </label>
              <Input
                id={`${prefix}-key-${index}`}
                placeholder="key"
                value={entry.key}
                onChange={(event) => update(index, { key: event.target.value })}
              />
              <label className="sr-only" htmlFor={`${prefix}-type-${index}`}>
                Type {index + 1}
              </label>
              <Select
                id={`${prefix}-type-${index}`}
                value={entry.type}
                onChange={(event) => update(index, { type: event.target.value as MetadataEntry["type"] })}
              >
                {metadataTypes.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </Select>
              <div>
                <label className="sr-only" htmlFor={`${prefix}-value-${index}`}>
                  Value {index + 1}
                </label>
                {entry.type === "boolean" ? (
                  <Select
                    {...control}
                    value={entry.value}
                    onChange={(event) => update(index, { value: event.target.value })}
                  >
                    <option value="">choose</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </Select>
                ) : entry.type === "json" ? (
                  <Textarea
                    {...control}
                    value={entry.value}
                    rows={3}
                    onChange={(event) => update(index, { value: event.target.value })}
                    className="font-mono text-sm"
                  />
                ) : (
                  <Input
                    {...control}
                    value={entry.value}
                    inputMode={entry.type === "number" ? "decimal" : undefined}
                    onChange={(event) => update(index, { value: event.target.value })}
                  />
                )}
                <FieldError id={`${prefix}-value-${index}-error`} message={errors[index]} />
              </div>
              <Button onClick={() => onChange(entries.filter((_, i) => i !== index))}>
                Remove {entry.key || `row ${index + 1}`}
              </Button>
            </li>
          );
        })}
      </ul>
      <Button onClick={() => onChange([...entries, { key: "", type: "text", value: "" }])} className="mt-3">
        Add metadata
      </Button>
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
