import { capacity, positionLabel, type TrayLayout } from "@/lib/shared/tray-positions";

export type TrayGridSample = { specimenId: string; specimenName: string; position: number | null };

/** A tray's positions as a grid; taken positions show the sample, free ones their label. */
export function TrayGrid({
  layout,
  samples,
  caption,
}: {
  layout: TrayLayout;
  samples: TrayGridSample[];
  caption: string;
}) {
  const byPosition = new Map(samples.filter((s) => s.position !== null).map((s) => [s.position, s]));
  const positions = Array.from({ length: capacity(layout) }, (_, index) => index + 1);
  return (
    <ol
      aria-label={caption}
      className="grid gap-1"
      style={{ gridTemplateColumns: `repeat(${layout.columns}, minmax(2.75rem, 1fr))` }}
    >
      {positions.map((position) => {
        const label = positionLabel(layout, position);
        const sample = byPosition.get(position);
        return (
          <li
            key={position}
            aria-label={sample ? `${label}: ${sample.specimenName} (${sample.specimenId})` : `${label}: free`}
            className={`min-h-14 rounded border p-1 text-xs ${
              sample ? "border-brand-600 bg-brand-50" : "border-dashed border-slate-300 bg-white text-slate-500"
            }`}
          >
            <div className="font-mono text-[11px] text-slate-600">{label}</div>
            {sample && (
              <div className="truncate font-medium text-slate-800" title={sample.specimenName}>
                {sample.specimenName}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
