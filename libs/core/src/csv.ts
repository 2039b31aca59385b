/**
 * A cell a spreadsheet would run as a formula: one starting with = + - @, a tab or a carriage
 * return (OWASP, CSV injection). `=cmd|' /C calc'!A0` in a contact's name must open as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell for a file people open in a spreadsheet: a formula start gets a leading
 * apostrophe (shown as text, not run), and a cell with a quote, comma, line break or that guard
 * is quoted with its quotes doubled.
 */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A cell read back from such a file: the apostrophe csvCell put before a formula start removed. */
export function fromCsvCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
