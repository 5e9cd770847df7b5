import { CsvError, parse } from 'csv-parse/sync';
import { ImportProblem, ImportRefused } from './import-problem';

/** One data row: its number in the file (the header is row 1) and its cells by column name. */
export interface CsvRow {
  row: number;
  cells: Record<string, string>;
}

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** The row holding byte `offset`: how many line feeds come before it, plus one. */
function rowAt(bytes: Buffer, offset: number): number {
  let row = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) row++;
  return row;
}

/** Strict UTF-8 (a leading BOM dropped): a file saved in another encoding is refused, naming the first row it breaks on. */
function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = bytes.toString('utf8');
    const bad = text.indexOf('\uFFFD');
    const offset = bad < 0 ? 0 : Buffer.byteLength(text.slice(0, bad), 'utf8');
    throw new ImportRefused([{ row: rowAt(bytes, offset), column: null, message: 'the file is not UTF-8 text; save it as "CSV UTF-8" and try again' }]);
  }
}

function csvProblem(err: CsvError): ImportProblem {
  // `records` counts the rows read before the one that failed.
  const row = (err as CsvError & { records?: number }).records !== undefined ? (err as CsvError & { records: number }).records + 1 : null;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { row, column: null, message: 'a quoted cell starting in this row is never closed: the file ends inside quotes' };
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return { row, column: null, message: 'this row has a different number of cells than the header' };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { row, column: null, message: 'a quote inside a quoted cell must be doubled ("")' };
    default:
      return { row, column: null, message: `the file is not valid CSV: ${err.message}` };
  }
}

/**
 * Our CSV exports put a single quote before a cell that starts with =, +, -, @, a tab or a carriage
 * return, so a spreadsheet never runs it as a formula (OWASP); reading such a file back removes it.
 */
function unneutralised(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * Reads an uploaded CSV file: UTF-8, a header row naming each column once, every column of
 * `columns.required` present and none outside required ∪ optional. File-level problems are thrown
 * as ImportRefused; the cells themselves are checked by the caller. Blank lines are skipped.
 */
export function readCsv(bytes: Buffer, columns: CsvColumns): { header: string[]; rows: CsvRow[] } {
  const text = decodeUtf8(bytes);
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    if (err instanceof CsvError) throw new ImportRefused([csvProblem(err)]);
    throw err;
  }
  if (!records.length) throw new ImportRefused([{ row: 1, column: null, message: `the file is empty; it needs a header row: ${columns.required.join(',')}` }]);
  const header = records[0].map((h) => h.trim().toLowerCase());
  const known = new Set([...columns.required, ...columns.optional]);
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!name) problems.push({ row: 1, column: null, message: 'a column has no name in the header row' });
    else if (seen.has(name)) problems.push({ row: 1, column: name, message: 'this column appears twice in the header row' });
    else if (!known.has(name)) problems.push({ row: 1, column: name, message: `unknown column; the columns are ${[...known].join(', ')}` });
    seen.add(name);
  }
  for (const name of columns.required) {
    if (!seen.has(name)) problems.push({ row: 1, column: name, message: 'this column is required but missing from the header row' });
  }
  if (problems.length) throw new ImportRefused(problems);
  const rows = records.slice(1).map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(header.map((name, c) => [name, unneutralised(cells[c])])),
  }));
  return { header, rows };
}
