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

/**
 * The position index for what a person wrote: `B3` on a grid, `5` on either (grids count row by
 * row). Returns an error message for anything outside the tray.
 */
export function parsePosition(layout: TrayLayout, text: string): { position: number } | { error: string } {
  const value = text.trim().toUpperCase();
  const numeric = value.match(/^\d+$/);
  const gridded = value.match(/^([A-Z]{1,2})(\d+)$/);
  let position: number | null = null;
  if (numeric) position = Number(value);
  else if (gridded && layout.rows > 1) {
    const letters = gridded[1];
    const row =
      letters.length === 1
        ? rowLetters.indexOf(letters)
        : (rowLetters.indexOf(letters[0]) + 1) * rowLetters.length + rowLetters.indexOf(letters[1]);
    const column = Number(gridded[2]);
    if (row < layout.rows && column >= 1 && column <= layout.columns) position = row * layout.columns + column;
  }
  if (position === null || position < 1 || position > capacity(layout)) {
    const range =
      layout.rows === 1
        ? `1 to ${layout.columns}`
        : `A1 to ${positionLabel(layout, capacity(layout))} (or 1 to ${capacity(layout)})`;
    return { error: `Position ${text.trim()} is not on this tray (${range})` };
  }
  return { position };
}
