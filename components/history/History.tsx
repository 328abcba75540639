import { formatDateTime } from "@/lib/shared/format";

export type HistoryEntry = {
  id: string;
  createdAt: Date;
  actorName: string;
  action: "CREATE" | "UPDATE" | "DELETE";
  entity: string;
  entityId: string;
  changes: unknown;
};

const verbs = { CREATE: "created", UPDATE: "changed", DELETE: "deleted" } as const;

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function describe(entry: HistoryEntry): string[] {
  if (!entry.changes || typeof entry.changes !== "object") return [];
  const changes = entry.changes as Record<string, unknown>;
  if (entry.action === "UPDATE") {
    return Object.entries(changes).map(([field, change]) =>
      Array.isArray(change) && change.length === 2
        ? `${field}: ${show(change[0])} → ${show(change[1])}`
        : `${field}: ${show(change)}`,
    );
  }
  return Object.entries(changes)
    .filter(([, value]) => value !== null && value !== "" && !(Array.isArray(value) && value.length === 0))
    .map(([field, value]) => `${field}: ${show(value)}`);
}

/** The audit trail as people read it: who did what, when, and what changed. */
export function History({ entries, showEntity = true }: { entries: HistoryEntry[]; showEntity?: boolean }) {
  if (entries.length === 0) return <p className="text-slate-600">No changes recorded yet.</p>;
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
      {entries.map((entry) => {
        const details = describe(entry);
        return (
          <li key={entry.id} className="p-3">
            <div>
              <time dateTime={entry.createdAt.toISOString()} className="text-slate-600">
                {formatDateTime(entry.createdAt)}
              </time>{" "}
              <span className="font-medium">{entry.actorName}</span> {verbs[entry.action]}
              {showEntity && (
                <>
                  {" "}
                  {entry.entity.toLowerCase()} <span className="font-mono">{entry.entityId}</span>
                </>
              )}
            </div>
            {details.length > 0 && (
              <details className="mt-1">
                <summary className="cursor-pointer text-slate-600">
                  {details.length === 1 ? details[0].slice(0, 120) : `${details.length} fields`}
                </summary>
                <ul className="mt-1 list-disc pl-6 break-words text-slate-700">
                  {details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
