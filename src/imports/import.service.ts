import type { DataSource } from 'typeorm';
import type { Actor } from '../api-keys/authenticate';
import type { Clock } from '../domain/clock';
import { writeTransaction } from '../db/write-transaction';
import { commitmentsImport } from './commitments.import';
import { readCsv } from './csv-file';
import { engagementsImport } from './engagements.import';
import { ImportProblem, ImportRefused, ProblemList } from './import-problem';
import type { ImportCounts, ImportKind } from './import-kind';
import { reportsImport } from './reports.import';
import { RowReader } from './row-reader';
import { sourcesImport } from './sources.import';

export const IMPORT_KINDS = { engagements: engagementsImport, sources: sourcesImport, commitments: commitmentsImport, reports: reportsImport } as const;
export type ImportKindName = keyof typeof IMPORT_KINDS;

export function isImportKind(name: string): name is ImportKindName {
  return Object.hasOwn(IMPORT_KINDS, name);
}

/** The contract's answer: what was (or, in a dry run, would be) created, updated and left unchanged, or why nothing was. */
export interface ImportResult extends ImportCounts {
  dryRun: boolean;
  errors: ImportProblem[];
}

/** Rolls a dry run back once it has counted: the plan was made inside the transaction, so the counts are exactly what a real run would do. */
class DryRunDone extends Error {
  constructor(readonly counts: ImportCounts) {
    super('dry run');
  }
}

/**
 * Imports one CSV file in one transaction: read and check every row (all problems, not the first),
 * plan against the database, and apply only when nothing anywhere was wrong. A dry run plans in the
 * same way and rolls back, so it answers the same counts and writes nothing. Importing the same
 * file again finds every row unchanged.
 */
export async function runImport(
  services: { db: DataSource; clock: Clock; config: { dueSoonDays: number } },
  actor: Actor,
  kindName: ImportKindName,
  file: Buffer,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  const kind: ImportKind = IMPORT_KINDS[kindName];
  const refused = (errors: ImportProblem[]): ImportResult => ({ dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0, errors });
  let rows;
  try {
    rows = readCsv(file, kind.columns).rows;
  } catch (e) {
    if (e instanceof ImportRefused) return refused(e.problems);
    throw e;
  }
  const env = { actor, today: services.clock.today(), now: services.clock.now(), dueSoonDays: services.config.dueSoonDays };
  try {
    const counts = await writeTransaction(services.db, async (m) => {
      const problems = new ProblemList();
      const plan = await kind.plan(m, rows.map((r) => new RowReader(r, problems)), env);
      problems.refuseIfAny();
      const counts = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
      if (options.dryRun) throw new DryRunDone(counts);
      await plan.apply();
      return counts;
    });
    return { dryRun: false, ...counts, errors: [] };
  } catch (e) {
    if (e instanceof DryRunDone) return { dryRun: true, ...e.counts, errors: [] };
    if (e instanceof ImportRefused) return refused(e.problems);
    throw e;
  }
}
