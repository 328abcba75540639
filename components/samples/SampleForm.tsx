"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { type Resolver, useForm, useWatch } from "react-hook-form";
import { createSampleAction, updateSampleAction } from "@/lib/samples/actions";
import {
  FieldError,
  inputClass,
  labelClass,
  primaryButtonClass,
  secondaryButtonClass,
} from "@/components/ui/FieldError";
import { MetadataEditor, useMetadataEditor } from "@/components/metadata/MetadataEditor";
import { FormMessage, useActionResult } from "@/components/ui/useActionResult";
import type { MetadataEntry } from "@/lib/shared/metadata-entries";
import { sampleSchema, sampleStatuses, type SampleValues } from "@/lib/schemas/sample";
import { PositionPicker, type PickerTray } from "./PositionPicker";

type FormValues = {
  specimenId: string;
  specimenName: string;
  qrCodeLabel: string;
  description: string;
  trayId: string;
  position: string;
  status: (typeof sampleStatuses)[number];
};

type Props = {
  proposalId: string;
  mode: "create" | "edit";
  defaults: FormValues;
  metadata: MetadataEntry[];
  trays: PickerTray[];
};

export function SampleForm({ proposalId, mode, defaults, metadata, trays }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useForm<FormValues, unknown, SampleValues>({
    resolver: zodResolver(sampleSchema) as unknown as Resolver<FormValues, unknown, SampleValues>,
    defaultValues: defaults,
  });
  const { message, setMessage, apply } = useActionResult(setError);
  const metadataEditor = useMetadataEditor(metadata, () =>
    setMessage({ tone: "error", text: "Some metadata values are not valid." }),
  );
  const trayId = useWatch({ control, name: "trayId" });
  const position = useWatch({ control, name: "position" });
  const tray = trays.find((candidate) => candidate.trayId === trayId);

  const save = (andAnother: boolean) =>
    handleSubmit((values) => {
      const metadata = metadataEditor.metadata();
      if (!metadata) return;
      startTransition(async () => {
        const input = { ...values, metadata: metadata };
        const result =
          mode === "create"
            ? await createSampleAction(proposalId, input)
            : await updateSampleAction(proposalId, defaults.specimenId, input);
        if (!apply(result)) return;
        if (andAnother) {
          // Same tray, next free position: the quick way to fill a tray by hand.
          const next = new URLSearchParams({ tray: values.trayId ?? "", added: result.data.specimenId });
          router.replace(`/proposals/${encodeURIComponent(proposalId)}/samples/new?${next}`);
          router.refresh();
        } else {
          router.push(
            `/proposals/${encodeURIComponent(proposalId)}/samples/${encodeURIComponent(result.data.specimenId)}`,
          );
        }
      });
    });

  const text = (name: keyof FormValues, label: string, hint?: string, readOnly = false) => (
    <div>
      <label htmlFor={`sample-${name}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`sample-${name}`}
        {...register(name)}
        readOnly={readOnly}
        aria-invalid={!!errors[name]}
        aria-describedby={
          [hint ? `sample-${name}-hint` : "", errors[name] ? `sample-${name}-error` : ""].join(" ").trim() || undefined
        }
        className={`${inputClass} ${readOnly ? "bg-slate-100" : ""}`}
      />
      {hint && (
        <p id={`sample-${name}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={`sample-${name}-error`} message={errors[name]?.message} />
    </div>
  );

  return (
    <form onSubmit={save(false)} noValidate className="grid max-w-3xl gap-4">
      <FormMessage message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("specimenName", "Name")}
        {text(
          "specimenId",
          "Specimen ID",
          mode === "create"
            ? "Leave empty to generate one (printed in the QR code)."
            : "Printed on the label; it cannot change.",
          mode === "edit",
        )}
        {text("qrCodeLabel", "Label text", "Printed under the QR code; the name when empty.")}
        <div>
          <label htmlFor="sample-status" className={labelClass}>
            Status
          </label>
          <select id="sample-status" {...register("status")} className={inputClass}>
            {sampleStatuses.map((status) => (
              <option key={status} value={status}>
                {status.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <label htmlFor="sample-description" className={labelClass}>
          Description
        </label>
        <textarea id="sample-description" rows={3} {...register("description")} className={inputClass} />
      </div>
      <div>
        <label htmlFor="sample-trayId" className={labelClass}>
          Tray
        </label>
        <select
          id="sample-trayId"
          {...register("trayId", { onChange: () => setValue("position", "") })}
          aria-invalid={!!errors.trayId}
          aria-describedby={errors.trayId ? "sample-trayId-error" : undefined}
          className={inputClass}
        >
          <option value="">no tray</option>
          {trays.map((candidate) => (
            <option key={candidate.trayId} value={candidate.trayId}>
              {candidate.name} ({candidate.trayId})
            </option>
          ))}
        </select>
        <FieldError id="sample-trayId-error" message={errors.trayId?.message} />
      </div>
      {tray && (
        <div>
          <PositionPicker
            tray={tray}
            specimenId={mode === "edit" ? defaults.specimenId : undefined}
            value={position}
            onChange={(p) => setValue("position", p, { shouldValidate: true })}
          />
          <FieldError id="sample-position-error" message={errors.position?.message} />
        </div>
      )}
      {!tray && errors.position && <FieldError id="sample-position-error" message={errors.position.message} />}
      <MetadataEditor legend="Sample metadata" {...metadataEditor.editorProps} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : mode === "create" ? "Add sample" : "Save sample"}
        </button>
        {mode === "create" && (
          <button type="button" disabled={pending} onClick={save(true)} className={secondaryButtonClass}>
            Add and add another
          </button>
        )}
        <Link href={`/proposals/${encodeURIComponent(proposalId)}`} className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
