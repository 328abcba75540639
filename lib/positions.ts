/**
 * Tray positions are stored as 1-based indexes, row by row. People read grid positions as a row
 * letter and a column number (A1 … H12, as on a well plate) and linear holders as plain numbers.
 */
export type TrayLayout = { rows: number; columns: number };

const rowLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function positionLabel(layout: TrayLayout, position: number): string {
  if (layout.rows === 1) return String(position);
  const row = Math.floor((position - 1) / layout.columns);
  const column = ((position - 1) % layout.columns) + 1;
  return `${rowLabel(row)}${column}`;
}

function rowLabel(row: number): string {
  return row < rowLetters.length
    ? rowLetters[row]
    : rowLetters[Math.floor(row / rowLetters.length) - 1] + rowLetters[row % rowLetters.length];
}

export function capacity(layout: TrayLayout): number {
  return layout.rows * layout.columns;
}
