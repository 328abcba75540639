"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { Field } from "@/components/ui/Field";
import { Input, Select } from "@/components/ui/Input";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { Cell, Row, Table } from "@/components/ui/Table";

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
        <Field id="samples-search" label="Search samples">
          {(control) => (
            <Input
              {...control}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="ID, name or label"
            />
          )}
        </Field>
        <Field id="samples-tray" label="Tray">
          {(control) => (
            <Select {...control} value={tray} onChange={(e) => setTray(e.target.value)}>
              <option value="">all trays</option>
              {trays.map((id) => (
                <option key={id || "(none)"} value={id || "(none)"}>
                  {id || "not in a tray"}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="samples-status" label="Status">
          {(control) => (
            <Select {...control} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">any status</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {shown.length === rows.length ? `${rows.length} samples` : `${shown.length} of ${rows.length} samples`}
      </p>
      <Table caption={caption} empty={rows.length === 0 ? "No samples yet." : undefined}>
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
            <Row key={row.specimenId}>
              <Cell className="font-mono">
                <Link href={row.href} className="text-brand-700 underline">
                  {row.specimenId}
                </Link>
              </Cell>
              <Cell>{row.specimenName}</Cell>
              <Cell>{row.trayId ? `${row.trayId} ${row.position ?? ""}` : "—"}</Cell>
              <Cell>
                <StatusBadge status={row.status} />
              </Cell>
              <Cell className="text-right">{row.datasets}</Cell>
            </Row>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
