"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { createTrayAction, updateTrayAction } from "@/lib/trays/actions";
import { FieldError, inputClass, labelClass, primaryButtonClass } from "@/components/ui/FieldError";
import { MetadataEditor, useMetadataEditor } from "@/components/metadata/MetadataEditor";
import { FormMessage, useActionResult } from "@/components/ui/useActionResult";
import type { MetadataEntry } from "@/lib/shared/metadata-entries";
import { trayLayoutPresets, traySchema, type TrayValues } from "@/lib/schemas/tray";

type FormValues = { trayId: string; name: string; rows: string; columns: string };

type Props = { proposalId: string; mode: "create" | "edit"; defaults: FormValues; metadata: MetadataEntry[] };

function presetOf(rows: string, columns: string): string {
  return (
    trayLayoutPresets.find((preset) => String(preset.rows) === rows && String(preset.columns) === columns)?.id ??
    "custom"
  );
}

export function TrayForm({ proposalId, mode, defaults, metadata }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [preset, setPreset] = useState(presetOf(defaults.rows, defaults.columns));
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<FormValues, unknown, TrayValues>({
    resolver: zodResolver(traySchema) as unknown as Resolver<FormValues, unknown, TrayValues>,
    defaultValues: defaults,
  });
  const { message, setMessage, apply } = useActionResult(setError);
  const metadataEditor = useMetadataEditor(metadata, () =>
    setMessage({ tone: "error", text: "Some metadata values are not valid." }),
  );

  const submit = handleSubmit((values) => {
    const metadata = metadataEditor.metadata();
    if (!metadata) return;
    startTransition(async () => {
      const input = { ...values, metadata: metadata };
      const result =
        mode === "create"
          ? await createTrayAction(proposalId, input)
          : await updateTrayAction(proposalId, defaults.trayId, input);
      if (apply(result)) router.push(`/proposals/${encodeURIComponent(proposalId)}#tray-${result.data.trayId}`);
    });
  });

  return (
    <form onSubmit={submit} noValidate className="grid max-w-2xl gap-4">
      <FormMessage message={message} />
      <div>
        <label htmlFor="tray-trayId" className={labelClass}>
          Tray ID
        </label>
        <input
          id="tray-trayId"
          {...register("trayId")}
          readOnly={mode === "edit"}
          placeholder={mode === "create" ? "leave empty to generate one" : undefined}
          aria-invalid={!!errors.trayId}
          aria-describedby="tray-trayId-hint"
          className={`${inputClass} ${mode === "edit" ? "bg-slate-100" : ""}`}
        />
        <p id="tray-trayId-hint" className="mt-1 text-sm text-slate-600">
          {mode === "create"
            ? "Printed in the tray's QR code. Generated IDs avoid look-alike characters (0/O, 1/I)."
            : "Printed on the label; it cannot change."}
        </p>
        <FieldError id="tray-trayId-error" message={errors.trayId?.message} />
      </div>
      <div>
        <label htmlFor="tray-name" className={labelClass}>
          Name
        </label>
        <input
          id="tray-name"
          {...register("name")}
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? "tray-name-error" : undefined}
          className={inputClass}
        />
        <FieldError id="tray-name-error" message={errors.name?.message} />
      </div>
      <div>
        <label htmlFor="tray-layout" className={labelClass}>
          Layout
        </label>
        <select
          id="tray-layout"
          value={preset}
          onChange={(event) => {
            setPreset(event.target.value);
            const chosen = trayLayoutPresets.find((p) => p.id === event.target.value);
            if (chosen) {
              setValue("rows", String(chosen.rows));
              setValue("columns", String(chosen.columns));
            }
          }}
          className={inputClass}
        >
          {trayLayoutPresets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option value="custom">custom rows × columns</option>
        </select>
      </div>
      {preset === "custom" ? (
        <div className="grid grid-cols-2 gap-4">
          {(
            [
              ["rows", "Rows", 26],
              ["columns", "Columns", 48],
            ] as const
          ).map(([name, label, max]) => (
            <div key={name}>
              <label htmlFor={`tray-${name}`} className={labelClass}>
                {label}
              </label>
              <input
                id={`tray-${name}`}
                type="number"
                min={1}
                max={max}
                {...register(name)}
                aria-invalid={!!errors[name]}
                aria-describedby={errors[name] ? `tray-${name}-error` : undefined}
                className={inputClass}
              />
              <FieldError id={`tray-${name}-error`} message={errors[name]?.message} />
            </div>
          ))}
        </div>
      ) : (
        (errors.rows || errors.columns) && (
          <p role="alert" className="text-sm text-rose-700">
            {errors.rows?.message ?? errors.columns?.message}
          </p>
        )
      )}
      <MetadataEditor legend="Tray metadata" {...metadataEditor.editorProps} />
      <div>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : mode === "create" ? "Create tray" : "Save tray"}
        </button>
      </div>
    </form>
  );
}
