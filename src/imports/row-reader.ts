import type { LatestDate } from '../domain/date-bounds';
import { ApiError } from '../graphql/errors';
import { checkDate, LIMITS, optionalHttpUrl, optionalText, requiredText } from '../graphql/validate';
import type { CsvRow } from './csv-file';
import type { ProblemList } from './import-problem';

/**
 * Reads one row's cells with the same checks the API applies to the same fields (graphql/validate),
 * recording a problem naming row and column instead of throwing, so one pass finds every problem.
 * A column absent from the file reads as undefined ("not given"); an empty cell as null.
 */
export class RowReader {
  constructor(readonly source: CsvRow, private readonly problems: ProblemList) {}

  get row(): number {
    return this.source.row;
  }

  /** The column is in the file's header. */
  has(column: string): boolean {
    return column in this.source.cells;
  }

  problem(column: string | null, message: string): void {
    this.problems.add(this.row, column, message);
  }

  private checked<T>(column: string, check: () => T): T | undefined {
    try {
      return check();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.problem(column, e.message.startsWith(`${column}: `) ? e.message.slice(column.length + 2) : e.message);
      return undefined;
    }
  }

  private raw(column: string): string | undefined {
    return this.has(column) ? this.source.cells[column] : undefined;
  }

  /** A required single-line text; undefined after recording a problem. */
  required(column: string, max: number = LIMITS.title): string | undefined {
    return this.checked(column, () => requiredText(this.raw(column) ?? '', column, { max }));
  }

  /** Optional text: undefined when the column is absent, null when the cell is empty. */
  text(column: string, max: number, multiline = false): string | null | undefined {
    const value = this.raw(column);
    if (value === undefined) return undefined;
    return this.checked(column, () => optionalText(value, column, { max, multiline })) ?? null;
  }

  date(column: string, latest?: LatestDate): string | null | undefined {
    const value = this.raw(column);
    if (value === undefined) return undefined;
    if (value.trim() === '') return null;
    return this.checked(column, () => checkDate(value.trim(), column, latest)) ?? null;
  }

  url(column: string): string | null | undefined {
    const value = this.raw(column);
    if (value === undefined) return undefined;
    return this.checked(column, () => optionalHttpUrl(value, column)) ?? null;
  }

  /** A list in one cell, items separated by ";" (also "," for codes): trimmed, blanks dropped, duplicates kept out. */
  list(column: string, separators = /;/): string[] | undefined {
    const value = this.raw(column);
    if (value === undefined) return undefined;
    return [...new Set(value.split(separators).map((s) => s.trim()).filter(Boolean))];
  }

  /** One of `values` (case-insensitive); null when empty. */
  oneOf<T extends string>(column: string, values: readonly T[]): T | null | undefined {
    const value = this.raw(column);
    if (value === undefined) return undefined;
    const v = value.trim().toUpperCase();
    if (!v) return null;
    if (!(values as readonly string[]).includes(v)) {
      this.problem(column, `must be one of ${values.join(', ')}, got "${value.trim()}"`);
      return undefined;
    }
    return v as T;
  }
}

/** The external_id every import row carries: required, one line, at most 200 characters, once per file. */
export function readExternalIds(readers: RowReader[]): Map<RowReader, string> {
  const keys = new Map<RowReader, string>();
  const firstRow = new Map<string, number>();
  for (const r of readers) {
    const key = r.required('external_id', 200);
    if (key === undefined) continue;
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      r.problem('external_id', `"${key}" already appears in row ${earlier}; each row needs its own external_id`);
      continue;
    }
    firstRow.set(key, r.row);
    keys.set(r, key);
  }
  return keys;
}
