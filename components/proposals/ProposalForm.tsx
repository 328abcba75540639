"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray } from "react-hook-form";
import { MetadataEditor, useMetadataEditor } from "@/components/metadata/MetadataEditor";
import { Button } from "@/components/ui/Button";
import { FieldError, labelClass, SelectField, TextareaField, TextField } from "@/components/ui/Field";
import { Choice } from "@/components/ui/Input";
import { ActionNotice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { useSchemaForm } from "@/components/ui/useSchemaForm";
import { createProposalAction, updateProposalAction } from "@/lib/proposals/actions";
import type { MetadataEntry } from "@/lib/shared/metadata-entries";
import { proposalPath } from "@/lib/shared/page-paths";
import {
  memberRoles,
  proposalSchema,
  proposalStatuses,
  type ProposalInput,
  type ProposalTextField,
} from "@/lib/schemas/proposal";

/** What the fields hold: text, as typed. The resolver turns it into ProposalValues on submit. */
export type ProposalFormValues = Record<ProposalTextField, string> & {
  proposalId: string;
  title: string;
  startTime: string;
  endTime: string;
  status: (typeof proposalStatuses)[number];
  instrumentPids: string[];
  measurementPeriods: { instrumentPid: string; start: string; end: string; comment: string }[];
  members: { email: string; role: (typeof memberRoles)[number] }[];
  ownerGroup: string;
};
type FormValues = ProposalFormValues;

type Props = {
  mode: "create" | "edit";
  defaults: FormValues;
  metadata: MetadataEntry[];
  accessGroups: string[];
  instruments: { pid: string; name: string }[];
  /** Staff decide ownerGroup and accessGroups. */
  canSetGroups: boolean;
};

/** Access groups as typed: comma-separated group names. */
const groupList = (text: string) =>
  text
    .split(",")
    .map((group) => group.trim())
    .filter(Boolean);

export function ProposalForm({ mode, defaults, metadata, accessGroups, instruments, canSetGroups }: Props) {
  const router = useRouter();
  const [accessGroupsText, setAccessGroupsText] = useState(accessGroups.join(", "));
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useSchemaForm<FormValues, typeof proposalSchema>(proposalSchema, defaults);
  const periods = useFieldArray({ control, name: "measurementPeriods" });
  const members = useFieldArray({ control, name: "members" });
  const save = useAction(
    (input: ProposalInput) =>
      mode === "create" ? createProposalAction(input) : updateProposalAction(defaults.proposalId, input),
    { setError, onSuccess: ({ proposalId }) => router.push(proposalPath(proposalId)) },
  );
  const metadataEditor = useMetadataEditor(metadata, () => save.showProblem("Some metadata values are not valid."));

  const submit = handleSubmit((values) => {
    const metadata = metadataEditor.metadata();
    if (metadata) save.run({ ...values, metadata, accessGroups: groupList(accessGroupsText) });
  });

  const text = (
    name: keyof FormValues & string,
    label: string,
    options: { type?: string; readOnly?: boolean } = {},
  ) => (
    <TextField
      id={`proposal-${name}`}
      label={label}
      error={(errors as Record<string, { message?: string } | undefined>)[name]?.message}
      inputProps={{
        type: options.type ?? "text",
        readOnly: options.readOnly,
        className: options.readOnly ? "bg-slate-100" : undefined,
        ...register(name),
      }}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <ActionNotice notice={save.notice} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Proposal</legend>
        {text("proposalId", "Proposal ID", { readOnly: mode === "edit" })}
        <SelectField id="proposal-status" label="Status" selectProps={register("status")}>
          {proposalStatuses.map((status) => (
            <option key={status} value={status}>
              {status.toLowerCase()}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">{text("title", "Title")}</div>
        <TextareaField
          id="proposal-abstract"
          label="Abstract"
          className="sm:col-span-2"
          textareaProps={{ rows: 4, ...register("abstract") }}
        />
        {text("type", "Proposal type")}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-lg font-semibold">Principal investigator</legend>
        {text("piFirstname", "PI first name")}
        {text("piLastname", "PI last name")}
        {text("piEmail", "PI email", { type: "email" })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-lg font-semibold">Main proposer</legend>
        {text("firstname", "Proposer first name")}
        {text("lastname", "Proposer last name")}
        {text("email", "Proposer email", { type: "email" })}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Beamtime (Karlsruhe time)</legend>
        {text("startTime", "Beamtime start", { type: "datetime-local" })}
        {text("endTime", "Beamtime end", { type: "datetime-local" })}
        <fieldset className="sm:col-span-2">
          <legend className={labelClass}>Instruments</legend>
          <div className="flex flex-wrap gap-4">
            {instruments.map((instrument) => (
              <Choice
                key={instrument.pid}
                type="checkbox"
                value={instrument.pid}
                label={instrument.name}
                {...register("instrumentPids")}
              />
            ))}
          </div>
          <FieldError id="proposal-instrumentPids-error" message={errors.instrumentPids?.message} />
        </fieldset>
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-lg font-semibold">Measurement periods</legend>
        <ol className="grid gap-4">
          {periods.fields.map((period, index) => {
            const periodErrors = errors.measurementPeriods?.[index];
            const label = `Period ${index + 1}`;
            return (
              <li
                key={period.id}
                className="grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-2"
                aria-label={`Measurement period ${index + 1}`}
              >
                <TextField
                  id={`period-${index}-start`}
                  label={`${label} start`}
                  error={periodErrors?.start?.message}
                  inputProps={{ type: "datetime-local", ...register(`measurementPeriods.${index}.start`) }}
                />
                <TextField
                  id={`period-${index}-end`}
                  label={`${label} end`}
                  error={periodErrors?.end?.message}
                  inputProps={{ type: "datetime-local", ...register(`measurementPeriods.${index}.end`) }}
                />
                <SelectField
                  id={`period-${index}-instrument`}
                  label={`${label} instrument`}
                  selectProps={register(`measurementPeriods.${index}.instrumentPid`)}
                >
                  <option value="">not decided</option>
                  {instruments.map((instrument) => (
                    <option key={instrument.pid} value={instrument.pid}>
                      {instrument.name}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  id={`period-${index}-comment`}
                  label={`${label} comment`}
                  inputProps={register(`measurementPeriods.${index}.comment`)}
                />
                <div className="sm:col-span-2">
                  <Button onClick={() => periods.remove(index)}>Remove period {index + 1}</Button>
                </div>
              </li>
            );
          })}
        </ol>
        <Button onClick={() => periods.append({ start: "", end: "", comment: "", instrumentPid: "" })} className="mt-3">
          Add measurement period
        </Button>
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-lg font-semibold">Members</legend>
        <p className="mb-2 text-sm text-slate-600">
          Members see and edit the proposal. Add them by email; they get access when they first sign in.
        </p>
        <ul className="grid gap-3">
          {members.fields.map((member, index) => (
            <li key={member.id} className="grid gap-2 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
              <TextField
                id={`member-${index}-email`}
                label={`Member ${index + 1} email`}
                error={errors.members?.[index]?.email?.message}
                inputProps={{ type: "email", ...register(`members.${index}.email`) }}
              />
              <SelectField
                id={`member-${index}-role`}
                label={`Member ${index + 1} role`}
                selectProps={register(`members.${index}.role`)}
              >
                {memberRoles.map((role) => (
                  <option key={role} value={role}>
                    {role === "PI" ? "principal investigator" : "member"}
                  </option>
                ))}
              </SelectField>
              <Button onClick={() => members.remove(index)}>Remove member {index + 1}</Button>
            </li>
          ))}
        </ul>
        <FieldError id="proposal-members-error" message={errors.members?.message ?? errors.members?.root?.message} />
        <Button onClick={() => members.append({ email: "", role: "MEMBER" })} className="mt-3">
          Add member
        </Button>
      </fieldset>

      {canSetGroups && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Data access (staff)</legend>
          {text("ownerGroup", "Owner group")}
          <TextField
            id="proposal-accessGroups"
            label="Access groups (comma-separated, read-only access)"
            inputProps={{ value: accessGroupsText, onChange: (event) => setAccessGroupsText(event.target.value) }}
          />
        </fieldset>
      )}

      <MetadataEditor legend="Additional metadata" {...metadataEditor.editorProps} />

      <div>
        <Button type="submit" variant="primary" size="large" disabled={save.pending}>
          {save.pending ? "Saving…" : mode === "create" ? "Register proposal" : "Save proposal"}
        </Button>
      </div>
    </form>
  );
}
