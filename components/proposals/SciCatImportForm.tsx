"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importSciCatProposalAction } from "@/lib/proposals/actions";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/FieldError";
import { FormMessage } from "@/components/ui/useActionResult";

export function SciCatImportForm() {
  const router = useRouter();
  const [json, setJson] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [details, setDetails] = useState<string[]>([]);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="grid max-w-3xl gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await importSciCatProposalAction(json);
          if (result.status === "ok") router.push(`/proposals/${encodeURIComponent(result.data.proposalId)}`);
          else if (result.status === "error") {
            setMessage({ tone: "error", text: result.message });
            setDetails(
              Object.entries(result.fieldErrors ?? {}).flatMap(([field, messages]) =>
                messages.map((m) => (field === "json" ? m : `${field}: ${m}`)),
              ),
            );
          }
        });
      }}
    >
      <FormMessage message={message} />
      {details.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-rose-800">
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      <div>
        <label htmlFor="scicat-file" className={labelClass}>
          SciCat proposal file (.json)
        </label>
        <input
          id="scicat-file"
          type="file"
          accept="application/json,.json"
          className="block"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setJson(await file.text());
          }}
        />
      </div>
      <div>
        <label htmlFor="scicat-json" className={labelClass}>
          Or paste the SciCat proposal JSON
        </label>
        <textarea
          id="scicat-json"
          rows={14}
          value={json}
          onChange={(event) => setJson(event.target.value)}
          className={`${inputClass} font-mono text-sm`}
        />
      </div>
      <div>
        <button type="submit" disabled={pending || !json.trim()} className={primaryButtonClass}>
          {pending ? "Importing…" : "Import proposal"}
        </button>
      </div>
    </form>
  );
}
