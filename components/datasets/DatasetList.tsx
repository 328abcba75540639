import Link from "next/link";
import { countOf, formatBytes, formatDateTime } from "@/lib/shared/format";
import { datasetPath } from "@/lib/shared/page-paths";

/**
 * A dataset as lists show it: from the database on proposal and sample pages (Date, bigint) or
 * from the scan JSON on the scanner (ISO text, number).
 */
export type DatasetListItem = {
  pid: string;
  datasetName: string;
  creationTime: Date | string;
  size: bigint | number;
  numberOfFiles: number;
  sourceFolder: string;
  /** Shown when the list spans several samples (a proposal's datasets). */
  sample?: { specimenId: string } | null;
};

/** Datasets newest first, each linking to its page, with when, how big and where its files are. */
export function DatasetList({
  datasets,
  empty,
  showSample = false,
  compact = false,
}: {
  datasets: DatasetListItem[];
  empty: string;
  showSample?: boolean;
  /** The scanner's card: tighter, in a smaller frame. */
  compact?: boolean;
}) {
  if (datasets.length === 0) return <p className={compact ? "text-sm text-slate-600" : "text-slate-600"}>{empty}</p>;
  return (
    <ul
      className={`divide-y divide-slate-200 border border-slate-200 bg-white text-sm ${compact ? "rounded" : "rounded-lg"}`}
    >
      {datasets.map((dataset) => (
        <li key={dataset.pid} className={compact ? "p-2" : "p-3"}>
          <Link href={datasetPath(dataset.pid)} className="text-brand-700 font-medium underline">
            {dataset.datasetName}
          </Link>
          <div className="text-slate-600">
            <span className="font-mono">{dataset.pid}</span> · {formatDateTime(new Date(dataset.creationTime))} ·{" "}
            {formatBytes(dataset.size)} · {countOf(dataset.numberOfFiles, "file")}
            {showSample && <> · sample {dataset.sample?.specimenId ?? "—"}</>}
          </div>
          <div className="font-mono text-xs break-all text-slate-600">{dataset.sourceFolder}</div>
        </li>
      ))}
    </ul>
  );
}
