import "server-only";
/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, `-2+3`): CSV formula injection. The export puts
 * a `'` before such cells, which spreadsheets take as "this is text" and do not show; plain numbers
 * such as `-2` stay as they are. The import takes the `'` off again, so an export reads back unchanged.
 */
export const formulaStart = /^(?![-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$)[=+\-@\t\r]/;

/** A cell as the export guarded it, without the guard. */
export const unguardedCell = (cell: string) =>
  cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
