"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { MetadataEditor, useMetadataEditor } from "@/components/metadata/MetadataEditor";
import { Button } from "@/components/ui/Button";
import { Field, TextField } from "@/components/ui/Field";
import { Input, Select } from "@/components/ui/Input";
import { ActionNotice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { useSchemaForm } from "@/components/ui/useSchemaForm";
import { proposalPath } from "@/lib/shared/page-paths";
import type { MetadataEntry } from "@/lib/shared/metadata-entries";
import { type TrayInput, trayLayoutPresets, traySchema } from "@/lib/schemas/tray";
import { createTrayAction, updateTrayAction } from "@/lib/trays/actions";

type FormValues = { trayId: string; name: string; rows: string; columns: string };

type Props = { proposalId: string; mode: "create" | "edit"; defaults: FormValues; metadata: MetadataEntry[] };

const customLayout = "custom";

function presetOf(rows: string, columns: string): string {
  return (
    trayLayoutPresets.find((preset) => String(preset.rows) === rows && String(preset.columns) === columns)?.id ??
    customLayout
  );
}

export function TrayForm({ proposalId, mode, defaults, metadata }: Props) {
  const router = useRouter();
  const [preset, setPreset] = useState(presetOf(defaults.rows, defaults.columns));
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useSchemaForm<FormValues, typeof traySchema>(traySchema, defaults);
  const save = useAction(
    (input: TrayInput) =>
      mode === "create" ? createTrayAction(proposalId, input) : updateTrayAction(proposalId, defaults.trayId, input),
    {
      setError,
      onSuccess: ({ trayId }) => router.push(`${proposalPath(proposalId)}#tray-${trayId}`),
    },
  );
  const metadataEditor = useMetadataEditor(metadata, () => save.showProblem("Some metadata values are not valid."));

  const submit = handleSubmit((values) => {
    const metadata = metadataEditor.metadata();
    if (metadata) save.run({ ...values, metadata });
  });

  return (
    <form onSubmit={submit} noValidate className="grid max-w-2xl gap-4">
      <ActionNotice notice={save.notice} />
      <TextField
        id="tray-trayId"
        label="Tray ID"
        hint={
          mode === "create"
            ? "Printed in the tray's QR code. Generated IDs avoid look-alike characters (0/O, 1/I)."
            : "Printed on the label; it cannot change."
        }
        error={errors.trayId?.message}
        inputProps={{
          ...register("trayId"),
          readOnly: mode === "edit",
          placeholder: mode === "create" ? "leave empty to generate one" : undefined,
          className: mode === "edit" ? "bg-slate-100" : undefined,
        }}
      />
      <TextField id="tray-name" label="Name" error={errors.name?.message} inputProps={register("name")} />
      <Field id="tray-layout" label="Layout">
        {(control) => (
          <Select
            {...control}
            value={preset}
            onChange={(event) => {
              setPreset(event.target.value);
              const chosen = trayLayoutPresets.find((p) => p.id === event.target.value);
              if (chosen) {
                setValue("rows", String(chosen.rows));
                setValue("columns", String(chosen.columns));
              }
            }}
          >
            {trayLayoutPresets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value={customLayout}>custom rows × columns</option>
          </Select>
        )}
      </Field>
      {preset === customLayout ? (
        <div className="grid grid-cols-2 gap-4">
          {(
            [
              ["rows", "Rows", 26],
              ["columns", "Columns", 48],
            ] as const
          ).map(([name, label, max]) => (
            <Field key={name} id={`tray-${name}`} label={label} error={errors[name]?.message}>
              {(control) => <Input {...control} type="number" min={1} max={max} {...register(name)} />}
            </Field>
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
        <Button type="submit" variant="primary" size="large" disabled={save.pending}>
          {save.pending ? "Saving…" : mode === "create" ? "Create tray" : "Save tray"}
        </Button>
      </div>
    </form>
  );
}
