import type { PageReport } from './commitment-page.query';

/**
 * What the record says about an open follow-up past its date, so "overdue" is never read as "not
 * done" when it only means nobody has recorded anything: no report at all, or progress reported.
 */
export function overdueNote(reports: readonly Pick<PageReport, 'state' | 'reportedOn'>[], asOf: string): string {
  const known = reports.filter((r) => r.reportedOn <= asOf);
  if (!known.length) return 'no report recorded';
  const latest = known.reduce((a, b) => (b.reportedOn >= a.reportedOn ? b : a));
  return latest.state === 'IN_PROGRESS' ? `in progress, reported ${latest.reportedOn}` : `last report ${latest.reportedOn}`;
}

/** Reports that a later one corrects no longer count; the page still shows them, struck through. */
export function correctedIds(reports: readonly Pick<PageReport, 'supersedes'>[]): Set<string> {
  return new Set(reports.flatMap((r) => (r.supersedes ? [r.supersedes.id] : [])));
}
