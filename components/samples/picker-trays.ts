import type { PickerTray } from "./PositionPicker";

type TrayWithSamples = {
  trayId: string;
  name: string;
  rows: number;
  columns: number;
  samples: { specimenId: string; specimenName: string; position: number | null }[];
};

export function pickerTrays(trays: TrayWithSamples[]): PickerTray[] {
  return trays.map((tray) => ({
    trayId: tray.trayId,
    name: tray.name,
    rows: tray.rows,
    columns: tray.columns,
    taken: tray.samples.flatMap((s) =>
      s.position === null ? [] : [{ position: s.position, specimenId: s.specimenId, specimenName: s.specimenName }],
    ),
  }));
}
