"use client";

import { capacity, positionLabel } from "@/lib/shared/tray-positions";

export type PickerTray = {
  trayId: string;
  name: string;
  rows: number;
  columns: number;
  taken: { position: number; specimenId: string; specimenName: string }[];
};

type Props = {
  tray: PickerTray;
  /** The sample being edited: its own position counts as free. */
  specimenId?: string;
  value: string;
  onChange: (position: string) => void;
};

/** A tray's positions as radio buttons on its grid: free ones can be chosen, taken ones say by whom. */
export function PositionPicker({ tray, specimenId, value, onChange }: Props) {
  const taken = new Map(tray.taken.filter((t) => t.specimenId !== specimenId).map((t) => [t.position, t]));
  const free = capacity(tray) - taken.size;
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-800">
        Position in {tray.name} ({tray.trayId}): {free} of {capacity(tray)} free
      </legend>
      <label className="mb-2 flex items-center gap-2 text-sm">
        <input
          type="radio"
          name="position"
          value=""
          checked={value === ""}
          onChange={() => onChange("")}
          className="size-5"
        />
        First free position
      </label>
      <div className="grid gap-1" style={{ gridTemplateColumns: `repeat(${tray.columns}, minmax(2.75rem, 1fr))` }}>
        {Array.from({ length: capacity(tray) }, (_, index) => index + 1).map((position) => {
          const label = positionLabel(tray, position);
          const holder = taken.get(position);
          const checked = value.toUpperCase() === label || value === String(position);
          return (
            <label
              key={position}
              title={holder ? `${label}: ${holder.specimenName} (${holder.specimenId})` : `${label}: free`}
              className={`flex min-h-11 items-center justify-center rounded border text-xs ${
                holder
                  ? "cursor-not-allowed border-slate-300 bg-slate-200 text-slate-600"
                  : checked
                    ? "border-brand-700 bg-brand-700 font-semibold text-white"
                    : "hover:bg-brand-50 cursor-pointer border-slate-400 bg-white"
              } has-[:focus-visible]:outline-brand-600 has-[:focus-visible]:outline-2`}
            >
              <input
                type="radio"
                name="position"
                value={label}
                checked={checked}
                disabled={!!holder}
                onChange={() => onChange(label)}
                aria-label={holder ? `${label}, taken by ${holder.specimenId}` : `${label}, free`}
                className="sr-only"
              />
              {label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
