"use client";

import { useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionState } from "@/lib/http/action";

/**
 * Shows a server action's answer on a react-hook-form form: field errors at their fields (the
 * server validates with the same schema, plus the rules that need the database), the message above.
 */
export function useActionResult<Values extends FieldValues>(setError: UseFormSetError<Values>) {
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  function apply<Data>(result: ActionState<Data>): result is Extract<ActionState<Data>, { status: "ok" }> {
    if (result.status === "ok") {
      setMessage({ tone: "ok", text: result.message });
      return true;
    }
    if (result.status === "error") {
      setMessage({ tone: "error", text: result.message });
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        setError(field as Path<Values>, { type: "server", message: messages.join(" ") });
      }
    }
    return false;
  }
  return { message, setMessage, apply };
}

export function FormMessage({ message }: { message: { tone: "ok" | "error"; text: string } | null }) {
  if (!message) return null;
  return (
    <p
      role={message.tone === "error" ? "alert" : "status"}
      className={`rounded p-3 ${message.tone === "error" ? "bg-rose-50 text-rose-800" : "bg-emerald-50 text-emerald-800"}`}
    >
      {message.text}
    </p>
  );
}
