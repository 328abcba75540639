"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Input } from "@/components/ui/Input";
import type { ScanSuggestion } from "@/lib/scan/scan-result";

const debounceMs = 250;

/** Typing an ID when there is no label to scan, with suggestions from what the user may see. */
export function ManualEntry({ onCode, submitLabel }: { onCode: (text: string) => void; submitLabel: string }) {
  const [text, setText] = useState("");
  const [suggestions, setSuggestions] = useState<ScanSuggestion[]>([]);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) return;
    const aborted = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/resolve/suggestions?q=${encodeURIComponent(query)}`, { signal: aborted.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: ScanSuggestion[] }>) : null))
        .then((body) => setSuggestions(body?.suggestions ?? []))
        .catch(() => undefined);
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      aborted.abort();
    };
  }, [text]);

  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onCode(text);
      }}
    >
      <label className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="font-medium">Sample or tray ID</span>
        <Input
          value={text}
          onChange={(event) => setText(event.target.value)}
          list="scan-suggestions"
          autoComplete="off"
          spellCheck={false}
          placeholder="S-… or T-…, or a name"
          className="min-h-12 font-mono text-lg"
        />
      </label>
      <datalist id="scan-suggestions">
        {(text.trim().length < 2 ? [] : suggestions).map((suggestion) => (
          <option key={`${suggestion.kind}:${suggestion.id}`} value={suggestion.id}>
            {`${suggestion.kind === "tray" ? "Tray" : "Sample"}: ${suggestion.label}`}
          </option>
        ))}
      </datalist>
      <Button type="submit" size="touch">
        {submitLabel}
      </Button>
    </form>
  );
}
