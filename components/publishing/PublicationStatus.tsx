import type { PublicationState } from "@/lib/publishing/state";
import { formatDateTime } from "@/lib/shared/format";

const when = (iso: string) => formatDateTime(new Date(iso));

/**
 * Where a record stands on its way to SciCat: not published, queued, failing (why, next try),
 * refused (SciCat's message), published (when, with a link), removed or withdrawn. Nothing when
 * this server publishes nowhere.
 */
export function PublicationStatus({ state, what }: { state: PublicationState; what: string }) {
  if (!state.enabled) return null;
  const { published, queued, rejected, publishing } = state;
  return (
    <div role="status" aria-label={`SciCat publication of ${what}`} className="space-y-1 text-sm">
      {published && !published.removedAt && (
        <p>
          <span className="font-medium text-emerald-800">Published to SciCat</span> at {when(published.at)} ·{" "}
          <a href={published.link} className="text-brand-700 underline" rel="noreferrer" target="_blank">
            Open in SciCat
          </a>
        </p>
      )}
      {published?.removedAt && <p>Removed from SciCat at {when(published.removedAt)} (deleted here).</p>}
      {queued && (
        <p>
          <span className="font-medium text-amber-900">Queued for SciCat</span> since {when(queued.since)}
          {queued.attempts === 0
            ? "; it is sent within seconds."
            : `. SciCat publication failed (${queued.attempts} ${queued.attempts === 1 ? "try" : "tries"}): ${queued.lastError ?? "no message"}. Next try at ${when(queued.nextAttemptAt)}.`}
        </p>
      )}
      {rejected && (
        <p>
          <span className="font-medium text-rose-800">SciCat refused it</span> at {when(rejected.at)}:{" "}
          {rejected.message}. It is sent again when it changes here, or when staff retry it.
        </p>
      )}
      {!publishing && published && !published.removedAt && (
        <p className="text-slate-600">
          Its proposal is no longer published: changes made here stay here; SciCat keeps the copy sent before.
        </p>
      )}
      {!published && !queued && !rejected && (
        <p className="text-slate-600">
          Not published to SciCat{publishing ? " yet" : ": its proposal is not published"}.
        </p>
      )}
    </div>
  );
}
