/**
 * The one CSV writer for every file the game and the class server hand to a teacher. Cells come
 * from scenario files (shared between teachers) and from students' display names, so a cell is
 * never allowed to run as a formula when the file is opened in a spreadsheet program.
 *
 * What it does, following OWASP's guidance on CSV injection:
 * - a text cell that a spreadsheet would read as a formula or a DDE call (first character `=`,
 *   `+`, `-`, `@`, tab, carriage return or line feed, or their full-width forms; also after
 *   leading spaces, which some programs skip) is written with a leading apostrophe inside a
 *   quoted cell, so it shows as the same text and never runs;
 * - numbers stay numbers (a JavaScript number is written as a plain numeral, so `-3.5` is a
 *   negative number, not an escaped text); a value that is not finite becomes an empty cell;
 * - quotes, commas and line breaks are quoted the RFC 4180 way, rows end in CRLF;
 * - the file starts with a UTF-8 byte-order mark so that accented and Chinese names open
 *   correctly in spreadsheet programs that otherwise guess a legacy encoding.
 */

export type CsvCell = string | number | boolean | null | undefined;
export type CsvRow = readonly CsvCell[];

/** The byte-order mark every CSV file starts with. */
export const CSV_BOM = '\uFEFF';

/** Characters that make a spreadsheet treat a cell as a formula (or a DDE call) when they lead it. */
const FORMULA_LEAD = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** True when a spreadsheet could read this text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_LEAD.test(text);
}

/** One cell, escaped. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isFormulaLike(value)) return `"'${value.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A whole file: the byte-order mark, then each row on its own CRLF-terminated line. */
export function toCsv(rows: readonly CsvRow[]): string {
  return CSV_BOM + rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/**
 * The text a cell stood for, as a CSV parser returns it: the apostrophe `csvCell` put before a
 * formula-like text is taken off again (for tools of ours that read our own files back).
 */
export function restoreCsvText(parsed: string): string {
  return parsed.startsWith("'") && isFormulaLike(parsed.slice(1)) ? parsed.slice(1) : parsed;
}
