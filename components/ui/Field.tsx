import type { ComponentProps, ReactNode } from "react";
import { Input, Select, Textarea } from "./Input";

export const labelClass = "mb-1 block text-sm font-medium text-slate-800";

/** What a form control needs to be tied to its label, hint and error (screen readers announce both). */
export type ControlProps = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The field's error: the schema's (checked in the browser) or the server's. */
  error?: string;
  className?: string;
};

export function controlProps(id: string, { hint, error }: { hint?: ReactNode; error?: string }): ControlProps {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, "aria-invalid": !!error, ...(describedBy ? { "aria-describedby": describedBy } : {}) };
}

/** A field's error, linked from its control with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-rose-700">
      {message}
    </p>
  );
}

/** Label, control, hint and error of one field; `children` renders the control with the props that tie them. */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: FieldProps & {
  children: (control: ControlProps) => ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children(controlProps(id, { hint, error }))}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextField({ inputProps, ...field }: FieldProps & { inputProps?: ComponentProps<"input"> }) {
  return <Field {...field}>{(control) => <Input {...inputProps} {...control} />}</Field>;
}

export function TextareaField({
  textareaProps,
  ...field
}: FieldProps & { textareaProps?: ComponentProps<"textarea"> }) {
  return <Field {...field}>{(control) => <Textarea {...textareaProps} {...control} />}</Field>;
}

export function SelectField({
  selectProps,
  children,
  ...field
}: FieldProps & { selectProps?: ComponentProps<"select">; children: ReactNode }) {
  return (
    <Field {...field}>
      {(control) => (
        <Select {...selectProps} {...control}>
          {children}
        </Select>
      )}
    </Field>
  );
}
