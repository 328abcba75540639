"use client";

import { Button } from "@/components/ui/Button";
import { FieldError, SelectField, TextField } from "@/components/ui/Field";
import { Input } from "@/components/ui/Input";
import { useAction } from "@/components/ui/useAction";
import { useSchemaForm } from "@/components/ui/useSchemaForm";
import { apiTokenSchema, type ApiTokenInput, scopeDescriptions, tokenScopes } from "@/lib/schemas/api-token";
import { createTokenAction } from "@/lib/tokens/actions";

/** Creates an API token and shows it once, to copy into the instrument's or script's configuration. */
export function CreateTokenForm({ instruments }: { instruments: { pid: string; name: string }[] }) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useSchemaForm<ApiTokenInput, typeof apiTokenSchema>(apiTokenSchema, {
    name: "",
    // What an instrument registering datasets (Concert) needs.
    scopes: ["samples:read", "datasets:read", "datasets:write"],
  });
  const creation = useAction(createTokenAction, { setError, onSuccess: () => reset() });
  // Shown once, until the next try: only its hash is stored.
  const created = creation.state.status === "ok" ? creation.state.data : null;

  return (
    <form
      onSubmit={handleSubmit((values) => creation.run(values))}
      noValidate
      className="grid max-w-xl gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="create-token-heading"
    >
      <h2 id="create-token-heading" className="text-lg font-semibold">
        New API token
      </h2>
      <TextField id="token-name" label="Name" error={errors.name?.message} inputProps={register("name")} />
      <fieldset aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        {tokenScopes.map((scope) => (
          <label key={scope} className="flex items-start gap-2 py-1">
            <input type="checkbox" value={scope} {...register("scopes")} className="mt-1 size-4" />
            <span>
              <code>{scope}</code> <span className="text-slate-600">— {scopeDescriptions[scope]}</span>
            </span>
          </label>
        ))}
        <FieldError id="token-scopes-error" message={errors.scopes?.message} />
      </fieldset>
      <SelectField id="token-instrument" label="Instrument (optional)" selectProps={register("instrumentPid")}>
        <option value="">none</option>
        {instruments.map((instrument) => (
          <option key={instrument.pid} value={instrument.pid}>
            {instrument.name} ({instrument.pid})
          </option>
        ))}
      </SelectField>
      <TextField
        id="token-expires"
        label="Expires on (optional)"
        error={errors.expiresAt?.message}
        inputProps={{ type: "date", ...register("expiresAt") }}
      />
      <Button type="submit" variant="primary" disabled={creation.pending}>
        {creation.pending ? "Creating…" : "Create token"}
      </Button>
      <div aria-live="polite">
        {creation.notice && (
          <p className={creation.notice.tone === "ok" ? "text-emerald-800" : "text-rose-700"}>{creation.notice.text}</p>
        )}
        {created && (
          <div className="mt-2">
            <label htmlFor="new-token" className="block text-sm font-medium">
              Token for {created.name}
            </label>
            <Input
              id="new-token"
              readOnly
              value={created.token}
              className="bg-slate-50 font-mono text-sm"
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
        )}
      </div>
    </form>
  );
}
