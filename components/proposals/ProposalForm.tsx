"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type Resolver, useFieldArray, useForm } from "react-hook-form";
import { createProposalAction, updateProposalAction } from "@/lib/proposals/actions";
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
import {
  memberRoles,
  proposalSchema,
  proposalStatuses,
  type ProposalInput,
  type ProposalValues,
} from "@/lib/schemas/proposal";

/** What the fields hold: text, as typed. The resolver turns it into ProposalValues on submit. */
export type ProposalFormValues = {
  proposalId: string;
  title: string;
  abstract: string;
  piFirstname: string;
  piLastname: string;
  piEmail: string;
  firstname: string;
  lastname: string;
  email: string;
  startTime: string;
  endTime: string;
  type: string;
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

export function ProposalForm({ mode, defaults, metadata, accessGroups, instruments, canSetGroups }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [accessGroupsText, setAccessGroupsText] = useState(accessGroups.join(", "));
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FormValues, unknown, ProposalValues>({
    // The fields are a subset of the schema's input (metadata and access groups have their own editors).
    resolver: zodResolver(proposalSchema) as unknown as Resolver<FormValues, unknown, ProposalValues>,
    defaultValues: defaults,
  });
  const periods = useFieldArray({ control, name: "measurementPeriods" });
  const members = useFieldArray({ control, name: "members" });
  const { message, setMessage, apply } = useActionResult(setError);
  const metadataEditor = useMetadataEditor(metadata, () =>
    setMessage({ tone: "error", text: "Some metadata values are not valid." }),
  );

  const submit = handleSubmit((values) => {
    const metadata = metadataEditor.metadata();
    if (!metadata) return;
    const input: ProposalInput = {
      ...values,
      ownerGroup: values.ownerGroup,
      metadata: metadata,
      accessGroups: accessGroupsText
        .split(",")
        .map((group) => group.trim())
        .filter(Boolean),
    };
    startTransition(async () => {
      const result =
        mode === "create" ? await createProposalAction(input) : await updateProposalAction(defaults.proposalId, input);
      if (apply(result)) router.push(`/proposals/${encodeURIComponent(result.data.proposalId)}`);
    });
  });

  const field = (
    name: keyof FormValues & string,
    label: string,
    options: { type?: string; readOnly?: boolean } = {},
  ) => {
    const error = (errors as Record<string, { message?: string } | undefined>)[name]?.message;
    return (
      <div>
        <label htmlFor={`proposal-${name}`} className={labelClass}>
          {label}
        </label>
        <input
          id={`proposal-${name}`}
          type={options.type ?? "text"}
          readOnly={options.readOnly}
          {...register(name)}
          aria-invalid={!!error}
          aria-describedby={error ? `proposal-${name}-error` : undefined}
          className={`${inputClass} ${options.readOnly ? "bg-slate-100" : ""}`}
        />
        <FieldError id={`proposal-${name}-error`} message={error} />
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <FormMessage message={message} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Proposal</legend>
        {field("proposalId", "Proposal ID", { readOnly: mode === "edit" })}
        <div>
          <label htmlFor="proposal-status" className={labelClass}>
            Status
          </label>
          <select id="proposal-status" {...register("status")} className={inputClass}>
            {proposalStatuses.map((status) => (
              <option key={status} value={status}>
                {status.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-2">{field("title", "Title")}</div>
        <div className="sm:col-span-2">
          <label htmlFor="proposal-abstract" className={labelClass}>
            Abstract
          </label>
          <textarea id="proposal-abstract" rows={4} {...register("abstract")} className={inputClass} />
        </div>
        {field("type", "Proposal type")}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-lg font-semibold">Principal investigator</legend>
        {field("piFirstname", "PI first name")}
        {field("piLastname", "PI last name")}
        {field("piEmail", "PI email", { type: "email" })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-lg font-semibold">Main proposer</legend>
        {field("firstname", "Proposer first name")}
        {field("lastname", "Proposer last name")}
        {field("email", "Proposer email", { type: "email" })}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Beamtime (Karlsruhe time)</legend>
        {field("startTime", "Beamtime start", { type: "datetime-local" })}
        {field("endTime", "Beamtime end", { type: "datetime-local" })}
        <fieldset className="sm:col-span-2">
          <legend className={labelClass}>Instruments</legend>
          <div className="flex flex-wrap gap-4">
            {instruments.map((instrument) => (
              <label key={instrument.pid} className="flex items-center gap-2 py-1">
                <input type="checkbox" value={instrument.pid} {...register("instrumentPids")} className="size-5" />
                {instrument.name}
              </label>
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
            return (
              <li
                key={period.id}
                className="grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-2"
                aria-label={`Measurement period ${index + 1}`}
              >
                <div>
                  <label htmlFor={`period-${index}-start`} className={labelClass}>
                    Period {index + 1} start
                  </label>
                  <input
                    id={`period-${index}-start`}
                    type="datetime-local"
                    {...register(`measurementPeriods.${index}.start`)}
                    aria-invalid={!!periodErrors?.start}
                    aria-describedby={periodErrors?.start ? `period-${index}-start-error` : undefined}
                    className={inputClass}
                  />
                  <FieldError id={`period-${index}-start-error`} message={periodErrors?.start?.message} />
                </div>
                <div>
                  <label htmlFor={`period-${index}-end`} className={labelClass}>
                    Period {index + 1} end
                  </label>
                  <input
                    id={`period-${index}-end`}
                    type="datetime-local"
                    {...register(`measurementPeriods.${index}.end`)}
                    aria-invalid={!!periodErrors?.end}
                    aria-describedby={periodErrors?.end ? `period-${index}-end-error` : undefined}
                    className={inputClass}
                  />
                  <FieldError id={`period-${index}-end-error`} message={periodErrors?.end?.message} />
                </div>
                <div>
                  <label htmlFor={`period-${index}-instrument`} className={labelClass}>
                    Period {index + 1} instrument
                  </label>
                  <select
                    id={`period-${index}-instrument`}
                    {...register(`measurementPeriods.${index}.instrumentPid`)}
                    className={inputClass}
                  >
                    <option value="">not decided</option>
                    {instruments.map((instrument) => (
                      <option key={instrument.pid} value={instrument.pid}>
                        {instrument.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`period-${index}-comment`} className={labelClass}>
                    Period {index + 1} comment
                  </label>
                  <input
                    id={`period-${index}-comment`}
                    {...register(`measurementPeriods.${index}.comment`)}
                    className={inputClass}
                  />
                </div>
                <div className="sm:col-span-2">
                  <button type="button" onClick={() => periods.remove(index)} className={secondaryButtonClass}>
                    Remove period {index + 1}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          onClick={() => periods.append({ start: "", end: "", comment: "", instrumentPid: "" })}
          className={`${secondaryButtonClass} mt-3`}
        >
          Add measurement period
        </button>
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-lg font-semibold">Members</legend>
        <p className="mb-2 text-sm text-slate-600">
          Members see and edit the proposal. Add them by email; they get access when they first sign in.
        </p>
        <ul className="grid gap-3">
          {members.fields.map((member, index) => {
            const memberErrors = errors.members?.[index];
            return (
              <li key={member.id} className="grid gap-2 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
                <div>
                  <label htmlFor={`member-${index}-email`} className={labelClass}>
                    Member {index + 1} email
                  </label>
                  <input
                    id={`member-${index}-email`}
                    type="email"
                    {...register(`members.${index}.email`)}
                    aria-invalid={!!memberErrors?.email}
                    aria-describedby={memberErrors?.email ? `member-${index}-email-error` : undefined}
                    className={inputClass}
                  />
                  <FieldError id={`member-${index}-email-error`} message={memberErrors?.email?.message} />
                </div>
                <div>
                  <label htmlFor={`member-${index}-role`} className={labelClass}>
                    Member {index + 1} role
                  </label>
                  <select id={`member-${index}-role`} {...register(`members.${index}.role`)} className={inputClass}>
                    {memberRoles.map((role) => (
                      <option key={role} value={role}>
                        {role === "PI" ? "principal investigator" : "member"}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" onClick={() => members.remove(index)} className={secondaryButtonClass}>
                  Remove member {index + 1}
                </button>
              </li>
            );
          })}
        </ul>
        <FieldError id="proposal-members-error" message={errors.members?.message ?? errors.members?.root?.message} />
        <button
          type="button"
          onClick={() => members.append({ email: "", role: "MEMBER" })}
          className={`${secondaryButtonClass} mt-3`}
        >
          Add member
        </button>
      </fieldset>

      {canSetGroups && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Data access (staff)</legend>
          {field("ownerGroup", "Owner group")}
          <div>
            <label htmlFor="proposal-accessGroups" className={labelClass}>
              Access groups (comma-separated, read-only access)
            </label>
            <input
              id="proposal-accessGroups"
              value={accessGroupsText}
              onChange={(event) => setAccessGroupsText(event.target.value)}
              className={inputClass}
            />
          </div>
        </fieldset>
      )}

      <MetadataEditor legend="Additional metadata" {...metadataEditor.editorProps} />

      <div>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : mode === "create" ? "Register proposal" : "Save proposal"}
        </button>
      </div>
    </form>
  );
}
