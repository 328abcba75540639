"use client";

import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { MetadataEditor, useMetadataEditor } from "@/components/metadata/MetadataEditor";
import { Button, ButtonLink } from "@/components/ui/Button";
import { FieldError, SelectField, TextareaField, TextField } from "@/components/ui/Field";
import { ActionNotice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { useSchemaForm } from "@/components/ui/useSchemaForm";
import { createSampleAction, updateSampleAction } from "@/lib/samples/actions";
import { sampleSchema, sampleStatuses, type SampleInput } from "@/lib/schemas/sample";
import type { MetadataEntry } from "@/lib/shared/metadata-entries";
import { proposalPath, samplePath } from "@/lib/shared/page-paths";
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
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useSchemaForm<FormValues, typeof sampleSchema>(sampleSchema, defaults);
  // "Add and add another" stays on the form, in the tray just used, at its next free position.
  const save = useAction(
    (input: SampleInput, _then: "open-sample" | "add-another") =>
      mode === "create"
        ? createSampleAction(proposalId, input)
        : updateSampleAction(proposalId, defaults.specimenId, input),
    {
      setError,
      onSuccess: ({ specimenId }, { args: [input, then] }) => {
        if (then === "open-sample") return router.push(samplePath(proposalId, specimenId));
        const next = new URLSearchParams({ tray: String(input.trayId ?? ""), added: specimenId });
        router.replace(`${proposalPath(proposalId)}/samples/new?${next}`);
        router.refresh();
      },
    },
  );
  const metadataEditor = useMetadataEditor(metadata, () => save.showProblem("Some metadata values are not valid."));
  const trayId = useWatch({ control, name: "trayId" });
  const position = useWatch({ control, name: "position" });
  const tray = trays.find((candidate) => candidate.trayId === trayId);

  const saveAnd = (then: "open-sample" | "add-another") =>
    handleSubmit((values) => {
      const metadata = metadataEditor.metadata();
      if (metadata) save.run({ ...values, metadata }, then);
    });

  return (
    <form onSubmit={saveAnd("open-sample")} noValidate className="grid max-w-3xl gap-4">
      <ActionNotice notice={save.notice} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="sample-specimenName"
          label="Name"
          error={errors.specimenName?.message}
          inputProps={register("specimenName")}
        />
        <TextField
          id="sample-specimenId"
          label="Specimen ID"
          hint={
            mode === "create"
              ? "Leave empty to generate one (printed in the QR code)."
              : "Printed on the label; it cannot change."
          }
          error={errors.specimenId?.message}
          inputProps={{
            ...register("specimenId"),
            readOnly: mode === "edit",
            className: mode === "edit" ? "bg-slate-100" : undefined,
          }}
        />
        <TextField
          id="sample-qrCodeLabel"
          label="Label text"
          hint="Printed under the QR code; the name when empty."
          error={errors.qrCodeLabel?.message}
          inputProps={register("qrCodeLabel")}
        />
        <SelectField id="sample-status" label="Status" selectProps={register("status")}>
          {sampleStatuses.map((status) => (
            <option key={status} value={status}>
              {status.toLowerCase()}
            </option>
          ))}
        </SelectField>
      </div>
      <TextareaField
        id="sample-description"
        label="Description"
        error={errors.description?.message}
        textareaProps={{ rows: 3, ...register("description") }}
      />
      <SelectField
        id="sample-trayId"
        label="Tray"
        error={errors.trayId?.message}
        selectProps={register("trayId", { onChange: () => setValue("position", "") })}
      >
        <option value="">no tray</option>
        {trays.map((candidate) => (
          <option key={candidate.trayId} value={candidate.trayId}>
            {candidate.name} ({candidate.trayId})
          </option>
        ))}
      </SelectField>
      {tray && (
        <PositionPicker
          tray={tray}
          specimenId={mode === "edit" ? defaults.specimenId : undefined}
          value={position}
          onChange={(p) => setValue("position", p, { shouldValidate: true })}
        />
      )}
      <FieldError id="sample-position-error" message={errors.position?.message} />
      <MetadataEditor legend="Sample metadata" {...metadataEditor.editorProps} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="primary" size="large" disabled={save.pending}>
          {save.pending ? "Saving…" : mode === "create" ? "Add sample" : "Save sample"}
        </Button>
        {mode === "create" && (
          <Button disabled={save.pending} onClick={saveAnd("add-another")}>
            Add and add another
          </Button>
        )}
        <ButtonLink href={proposalPath(proposalId)}>Cancel</ButtonLink>
      </div>
    </form>
  );
}
