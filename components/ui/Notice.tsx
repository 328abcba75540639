import type { ReactNode } from "react";
import type { NoticeMessage } from "./useAction";

export type NoticeTone = "ok" | "error" | "warning";

const tones: Record<NoticeTone, string> = {
  ok: "bg-emerald-50 text-emerald-800",
  error: "bg-rose-50 text-rose-800",
  warning: "bg-amber-50 text-amber-900",
};
const prominentTones: Record<NoticeTone, string> = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900",
  error: "border-rose-300 bg-rose-50 text-rose-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
};

/**
 * A message about what just happened: errors and warnings are announced at once (alert), success
 * politely (status). `prominent` is for the scanner, read from arm's length.
 */
export function Notice({
  tone,
  children,
  details = [],
  prominent = false,
  className = "",
}: {
  tone: NoticeTone;
  children: ReactNode;
  /** Further lines, e.g. one per field or row the server refused. */
  details?: string[];
  prominent?: boolean;
  className?: string;
}) {
  const look = prominent ? `rounded-lg border p-4 text-lg ${prominentTones[tone]}` : `rounded p-3 ${tones[tone]}`;
  return (
    <div role={tone === "ok" ? "status" : "alert"} className={`${look} ${className}`}>
      <p>{children}</p>
      {details.length > 0 && (
        <ul className="mt-1 list-disc pl-6 text-sm">
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The notice of a server action's answer (useAction), or nothing before the first one. */
export function ActionNotice({ notice, details }: { notice: NoticeMessage | null; details?: string[] }) {
  if (!notice) return null;
  return (
    <Notice tone={notice.tone} details={details}>
      {notice.text}
    </Notice>
  );
}
