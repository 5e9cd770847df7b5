import type { EntityManager } from 'typeorm';
import type { Actor } from '../api-keys/authenticate';
import type { CalendarDate } from '../domain/dates';
import type { CsvColumns } from './csv-file';
import type { RowReader } from './row-reader';

/** What every import runs with: who writes (the actor of every event), and the day and instant it runs on. */
export interface ImportEnv {
  actor: Actor;
  today: CalendarDate;
  now: Date;
  dueSoonDays: number;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What one file would do, worked out from the rows and the database; `apply` does it (in the same transaction). */
export interface ImportPlan extends ImportCounts {
  apply(): Promise<void>;
}

/**
 * One kind of import file (engagements, sources, commitments, reports): its columns and how its
 * rows become a plan. `plan` reads only, recording problems on the readers; the service applies
 * the plan only when no row anywhere had a problem.
 */
export interface ImportKind {
  columns: CsvColumns;
  plan(m: EntityManager, rows: RowReader[], env: ImportEnv): Promise<ImportPlan>;
}

/** Counts a plan from its parts. */
export function planOf(parts: { created: number; updated: number; unchanged: number }, apply: () => Promise<void>): ImportPlan {
  return { ...parts, apply };
}
