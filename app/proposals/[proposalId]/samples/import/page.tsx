import type { Metadata } from "next";
import Link from "next/link";
import { SampleImport } from "@/components/samples/SampleImport";
import { guardPage } from "@/lib/http/page-guard";
import { importLimits } from "@/lib/samples/import/table";
import { sampleImportContext } from "@/lib/samples/import/page-context";
import { requireUser } from "@/lib/auth/session";
import { proposalPath } from "@/lib/shared/page-paths";

export const metadata: Metadata = { title: "Import samples" };

type Props = { params: Promise<{ proposalId: string }> };

export default async function ImportSamplesPage({ params }: Props) {
  const proposalId = decodeURIComponent((await params).proposalId);
  const path = `${proposalPath(proposalId)}/samples/import`;
  const caller = await requireUser(path);
  const context = await guardPage(() => sampleImportContext(caller, proposalId), path);
  return (
    <>
      <p className="font-mono text-sm text-slate-600">
        <Link href={proposalPath(context.proposalId)} className="text-brand-700 underline">
          Proposal {context.proposalId}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Import samples</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Copy the cells from your spreadsheet, header row included, and paste them below, or upload a CSV or TSV file (up
        to {importLimits.rows.toLocaleString("en")} rows). Only a name is required. Without a position a sample goes to
        the first free position of its tray, in row order; without a specimen ID one is generated. Columns named{" "}
        <code>metadata.</code>
        <i>key</i> become metadata. All rows are imported, or none.
      </p>
      <p className="mt-2 max-w-3xl">
        <a href="/proposals/samples-template.csv" className="text-brand-700 underline" download>
          Download a template
        </a>
      </p>
      {context.trays.length > 0 ? (
        <div className="mt-4 max-w-3xl">
          <h2 className="text-lg font-semibold text-slate-800">Trays of this proposal</h2>
          <ul className="mt-1 text-sm text-slate-700">
            {context.trays.map((tray) => (
              <li key={tray.trayId}>
                <span className="font-mono">{tray.trayId}</span> {tray.name}: positions {tray.layout}, {tray.free} free
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-4 max-w-3xl text-slate-700">
          This proposal has no trays yet; samples can still be imported without one.{" "}
          <Link href={`${proposalPath(context.proposalId)}/trays/new`} className="text-brand-700 underline">
            Add a tray
          </Link>
          .
        </p>
      )}
      <SampleImport proposalId={context.proposalId} />
    </>
  );
}
