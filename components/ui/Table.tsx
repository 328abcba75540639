import type { ComponentProps, ReactNode } from "react";

/** A table in its scrolling frame; the caption names it for screen readers (shown when `showCaption`). */
export function Table({
  caption,
  showCaption = false,
  empty,
  children,
  className = "",
}: {
  caption: ReactNode;
  showCaption?: boolean;
  /** Shown below the headings instead of rows, when there are none. */
  empty?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`}>
      <table className="w-full text-left text-sm">
        <caption className={showCaption ? "p-2 text-left font-semibold" : "sr-only"}>{caption}</caption>
        {children}
      </table>
      {empty && <p className="p-4 text-slate-600">{empty}</p>}
    </div>
  );
}

/** The header row: one column heading each. */
export function TableHead({ columns }: { columns: ReactNode[] }) {
  return (
    <thead className="bg-slate-100 text-slate-700">
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className="p-2 font-semibold">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Row({ className = "", ...props }: ComponentProps<"tr">) {
  return <tr className={`border-t border-slate-100 ${className}`} {...props} />;
}

export function Cell({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`p-2 align-top ${className}`} {...props} />;
}
