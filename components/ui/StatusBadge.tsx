const tones: Record<string, string> = {
  REGISTERED: "bg-slate-100 text-slate-700",
  RECEIVED: "bg-sky-100 text-sky-800",
  MOUNTED: "bg-amber-100 text-amber-800",
  MEASURED: "bg-emerald-100 text-emerald-800",
  RETURNED: "bg-violet-100 text-violet-800",
  DISPOSED: "bg-rose-100 text-rose-800",
  DRAFT: "bg-slate-100 text-slate-700",
  APPROVED: "bg-sky-100 text-sky-800",
  SCHEDULED: "bg-emerald-100 text-emerald-800",
  COMPLETED: "bg-slate-200 text-slate-800",
  CANCELLED: "bg-rose-100 text-rose-800",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tones[status] ?? "bg-slate-100"}`}>
      {status.toLowerCase()}
    </span>
  );
}
