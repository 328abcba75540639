"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createTokenAction, type CreatedToken } from "@/lib/tokens/actions";
import { apiTokenSchema, type ApiTokenInput, tokenScopes } from "@/lib/schemas/api-token";

type Props = { instruments: { pid: string; name: string }[]; scopeDescriptions: Record<string, string> };

export function CreateTokenForm({ instruments, scopeDescriptions }: Props) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ApiTokenInput>({
    resolver: zodResolver(apiTokenSchema),
    // What an instrument registering datasets (Concert) needs.
    defaultValues: { name: "", scopes: ["samples:read", "datasets:read", "datasets:write"] },
  });

  const submit = handleSubmit((values) =>
    startTransition(async () => {
      const result = await createTokenAction(values);
      if (result.status === "ok") {
        setCreated(result.data);
        setServerMessage(result.message);
        reset();
      } else if (result.status === "error") {
        setServerMessage(result.message);
        for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
          setError(field as keyof ApiTokenInput, { message: messages.join(" ") });
        }
      }
    }),
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid max-w-xl gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="create-token-heading"
    >
      <h2 id="create-token-heading" className="text-lg font-semibold">
        New API token
      </h2>
      <label htmlFor="token-name" className="font-medium">
        Name
      </label>
      <input
        id="token-name"
        {...register("name")}
        aria-invalid={!!errors.name}
        aria-describedby={errors.name ? "token-name-error" : undefined}
        className="rounded border border-slate-400 p-2"
      />
      {errors.name && (
        <p id="token-name-error" className="text-sm text-rose-700">
          {errors.name.message}
        </p>
      )}
      <fieldset aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
        <legend className="font-medium">Scopes</legend>
        {tokenScopes.map((scope) => (
          <label key={scope} className="flex items-start gap-2 py-1">
            <input type="checkbox" value={scope} {...register("scopes")} className="mt-1 size-4" />
            <span>
              <code>{scope}</code> <span className="text-slate-600">— {scopeDescriptions[scope]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {errors.scopes && (
        <p id="token-scopes-error" className="text-sm text-rose-700">
          {errors.scopes.message}
        </p>
      )}
      <label htmlFor="token-instrument" className="font-medium">
        Instrument (optional)
      </label>
      <select id="token-instrument" {...register("instrumentPid")} className="rounded border border-slate-400 p-2">
        <option value="">none</option>
        {instruments.map((instrument) => (
          <option key={instrument.pid} value={instrument.pid}>
            {instrument.name} ({instrument.pid})
          </option>
        ))}
      </select>
      <label htmlFor="token-expires" className="font-medium">
        Expires on (optional)
      </label>
      <input
        id="token-expires"
        type="date"
        {...register("expiresAt")}
        aria-invalid={!!errors.expiresAt}
        aria-describedby={errors.expiresAt ? "token-expires-error" : undefined}
        className="rounded border border-slate-400 p-2"
      />
      {errors.expiresAt && (
        <p id="token-expires-error" className="text-sm text-rose-700">
          {errors.expiresAt.message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 rounded p-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? "Creating…" : "Create token"}
      </button>
      <div aria-live="polite">
        {serverMessage && <p className={created ? "text-emerald-800" : "text-rose-700"}>{serverMessage}</p>}
        {created && (
          <p className="mt-2">
            <label htmlFor="new-token" className="block text-sm font-medium">
              Token for {created.name}
            </label>
            <input
              id="new-token"
              readOnly
              value={created.token}
              className="w-full rounded border border-slate-400 bg-slate-50 p-2 font-mono text-sm"
              onFocus={(event) => event.currentTarget.select()}
            />
          </p>
        )}
      </div>
    </form>
  );
}
