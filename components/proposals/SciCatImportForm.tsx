"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { labelClass, TextareaField } from "@/components/ui/Field";
import { ActionNotice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { importSciCatProposalAction } from "@/lib/proposals/actions";
import { proposalPath } from "@/lib/shared/page-paths";

export function SciCatImportForm() {
  const router = useRouter();
  const [json, setJson] = useState("");
  const importing = useAction(importSciCatProposalAction, {
    onSuccess: ({ proposalId }) => router.push(proposalPath(proposalId)),
  });
  // What the server found wrong, field by field (the document's own problems are keyed "json").
  const details =
    importing.state.status === "error"
      ? Object.entries(importing.state.fieldErrors ?? {}).flatMap(([field, messages]) =>
          messages.map((message) => (field === "json" ? message : `${field}: ${message}`)),
        )
      : [];
  return (
    <form
      className="grid max-w-3xl gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        importing.run(json);
      }}
    >
      <ActionNotice notice={importing.notice} details={details} />
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
      <TextareaField
        id="scicat-json"
        label="Or paste the SciCat proposal JSON"
        textareaProps={{
          rows: 14,
          value: json,
          onChange: (event) => setJson(event.target.value),
          className: "font-mono text-sm",
        }}
      />
      <div>
        <Button type="submit" variant="primary" size="large" disabled={importing.pending || !json.trim()}>
          {importing.pending ? "Importing…" : "Import proposal"}
        </Button>
      </div>
    </form>
  );
}
