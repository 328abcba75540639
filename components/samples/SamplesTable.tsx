"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { StatusBadge } from "@/components/ui/StatusBadge";

export type SampleRow = {
  specimenId: string;
  specimenName: string;
  qrCodeLabel: string;
  trayId: string | null;
  position: string | null;
  /** Tray order, then position order: sorting by position follows the tray layout. */
  placementOrder: number;
  status: string;
  datasets: number;
  href: string;
};

type SortKey = "specimenId" | "specimenName" | "placement" | "status" | "datasets";
const columns: { key: SortKey; label: string }[] = [
  { key: "specimenId", label: "Specimen ID" },
  { key: "specimenName", label: "Name" },
  { key: "placement", label: "Tray and position" },
  { key: "status", label: "Status" },
  { key: "datasets", label: "Datasets" },
];

export function SamplesTable({ rows, caption }: { rows: SampleRow[]; caption: string }) {
  const [query, setQuery] = useState("");
  const [tray, setTray] = useState("");
  const [status, setStatus] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: "placement", ascending: true });
  const trays = useMemo(() => [...new Set(rows.map((row) => row.trayId ?? ""))].sort(), [rows]);
  const statuses = useMemo(() => [...new Set(rows.map((row) => row.status))].sort(), [rows]);

  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const filtered = rows.filter(
      (row) =>
        (!needle ||
          [row.specimenId, row.specimenName, row.qrCodeLabel].some((text) => text.toLowerCase().includes(needle))) &&
        (!tray || (row.trayId ?? "") === (tray === "(none)" ? "" : tray)) &&
        (!status || row.status === status),
    );
    const value = (row: SampleRow): string | number =>
      sort.key === "placement"
        ? row.placementOrder
        : sort.key === "datasets"
          ? row.datasets
          : row[sort.key].toLowerCase();
    return filtered.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.ascending ? order : -order;
    });
  }, [rows, query, tray, status, sort]);

  return (
    <div>
      <div className="mb-3 grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="samples-search" className="mb-1 block text-sm font-medium">
            Search samples
          </label>
          <input
            id="samples-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="ID, name or label"
            className="w-full rounded border border-slate-400 p-2.5"
          />
        </div>
        <div>
          <label htmlFor="samples-tray" className="mb-1 block text-sm font-medium">
            Tray
          </label>
          <select
            id="samples-tray"
            value={tray}
            onChange={(e) => setTray(e.target.value)}
            className="w-full rounded border border-slate-400 p-2.5"
          >
            <option value="">all trays</option>
            {trays.map((id) => (
              <option key={id || "(none)"} value={id || "(none)"}>
                {id || "not in a tray"}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="samples-status" className="mb-1 block text-sm font-medium">
            Status
          </label>
          <select
            id="samples-status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="w-full rounded border border-slate-400 p-2.5"
          >
            <option value="">any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {shown.length === rows.length ? `${rows.length} samples` : `${shown.length} of ${rows.length} samples`}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sort.key === column.key ? (sort.ascending ? "ascending" : "descending") : "none"}
                  className="p-0"
                >
                  <button
                    type="button"
                    className="w-full p-2 text-left font-semibold hover:bg-slate-200"
                    onClick={() =>
                      setSort((s) => ({ key: column.key, ascending: s.key === column.key ? !s.ascending : true }))
                    }
                  >
                    {column.label}
                    <span aria-hidden="true">{sort.key === column.key ? (sort.ascending ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.specimenId} className="border-t border-slate-100">
                <td className="p-2 font-mono">
                  <Link href={row.href} className="text-brand-700 underline">
                    {row.specimenId}
                  </Link>
                </td>
                <td className="p-2">{row.specimenName}</td>
                <td className="p-2">{row.trayId ? `${row.trayId} ${row.position ?? ""}` : "—"}</td>
                <td className="p-2">
                  <StatusBadge status={row.status} />
                </td>
                <td className="p-2 text-right">{row.datasets}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="p-4 text-slate-600">No samples yet.</p>}
      </div>
    </div>
  );
}
