/** One thing wrong with an import file: the row (the header is row 1, as in a spreadsheet) and column at fault, when there is one. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** The whole file is refused (nothing written), with every problem found. */
export class ImportRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => `${p.row ? `row ${p.row}` : 'file'}${p.column ? `, ${p.column}` : ''}: ${p.message}`).join('\n'));
  }
}

/** Collects problems row by row so one pass reports all of them, not just the first. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  add(row: number | null, column: string | null, message: string): void {
    this.items.push({ row, column, message });
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  /** Throws ImportRefused when anything was collected. */
  refuseIfAny(): void {
    if (!this.empty) throw new ImportRefused([...this.items].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  }
}
