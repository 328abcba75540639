import type { Metadata } from "next";
import { PublicationQueueButton } from "@/components/publishing/PublicationQueueButton";
import { Section } from "@/components/ui/Section";
import { hasRole } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { publicationOverview } from "@/lib/publishing/state";
import { formatDateTime } from "@/lib/shared/format";
import { PublicationOff } from "@/components/publishing/PublicationOff";

export const metadata: Metadata = { title: "Publishing to SciCat" };

export default async function PublishingPage() {
  const caller = await requireUser("/admin/publishing");
  const overview = await guardPage(() => publicationOverview(caller), "/admin/publishing");
  if (!overview.enabled)
    return (
      <>
        <h1 className="text-2xl font-semibold">Publishing to SciCat</h1>
        <PublicationOff />
      </>
    );
  return (
    <>
      <h1 className="text-2xl font-semibold">Publishing to SciCat</h1>
      <p className="mt-2 text-sm text-slate-700">
        To <span className="font-mono">{overview.apiUrl}</span>:{" "}
        {overview.proposals === "all"
          ? "every proposal unless staff stop it"
          : "the proposals staff publish (on the proposal's page)"}
        ; delivered {overview.worker === "in-process" ? "by this server" : "by a separate npm run scicat:publish"}.
      </p>
      <dl className="mt-4 grid max-w-xl grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {(
          [
            ["Queued", overview.queued],
            ["Failing", overview.failing],
            ["Refused", overview.refused],
            ["Published", overview.published],
          ] as const
        ).map(([label, count]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold">{count}</dd>
          </div>
        ))}
      </dl>
      {/* Outside the failures list: a retried change leaves it, and the answer must stay in view. */}
      <p className="mt-4 flex flex-wrap gap-3">
        <PublicationQueueButton kind="retry" label="Retry all now" />
        {hasRole(caller, "ADMIN") && <PublicationQueueButton kind="republish" label="Send everything again" />}
      </p>
      <Section title="Failures">
        {overview.problems.length === 0 ? (
          <p className="text-slate-600">Nothing has failed.</p>
        ) : (
          <>
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Changes SciCat refused or that could not be delivered</caption>
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">What happened</th>
                  <th scope="col">Next try</th>
                  <th scope="col">
                    <span className="sr-only">Retry</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.problems.map((problem) => (
                  <tr key={problem.id} className="border-t border-slate-200 align-top">
                    <td className="py-2 pr-3">
                      {problem.entity} <span className="font-mono">{problem.recordKey}</span>
                    </td>
                    <td className="py-2 pr-3 break-words">
                      {problem.lastError} ({problem.attempts} {problem.attempts === 1 ? "try" : "tries"} since{" "}
                      {formatDateTime(new Date(problem.since))})
                    </td>
                    <td className="py-2 pr-3">
                      {problem.nextAttemptAt
                        ? formatDateTime(new Date(problem.nextAttemptAt))
                        : "refused: waits for a change or a retry"}
                    </td>
                    <td className="py-2">
                      <PublicationQueueButton kind="retry" id={problem.id} label={`Retry ${problem.recordKey}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Section>
    </>
  );
}
