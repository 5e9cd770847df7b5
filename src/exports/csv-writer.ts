/**
 * CSV as spreadsheets read it safely, one record at a time, for every CSV the server writes.
 *  - RFC 4180: CRLF line ends; a field is quoted when it holds a comma, quote, CR or LF (quotes doubled).
 *  - Formula injection (OWASP's rule): a cell beginning with =, +, -, @, a tab or a carriage return
 *    is prefixed with a single quote, so Excel, LibreOffice and Sheets show it as text instead of
 *    running it. Data such as "=HYPERLINK(…)" in a title then reads back as "'=HYPERLINK(…)".
 *  - The text starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as Windows-1252
 *    and shows "–" as "â€“".
 */
export const UTF8_BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

/**
 * What a CSV file holds: its header and how one row becomes cells, in the header's order. A second
 * layout of the same rows (e.g. one for re-import) is another CsvLayout over the same row type.
 */
export interface CsvLayout<Row> {
  columns: readonly string[];
  cells(row: Row): CsvCell[];
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvCell): string {
  let text = value == null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The file's start: the byte order mark and the header record. */
export function csvHead(layout: CsvLayout<unknown>): string {
  return UTF8_BOM + csvRecord(layout.columns);
}

/** The records of a batch of rows, as one string to write. */
export function csvRecords<Row>(layout: CsvLayout<Row>, rows: readonly Row[]): string {
  return rows.map((row) => csvRecord(layout.cells(row))).join('');
}
