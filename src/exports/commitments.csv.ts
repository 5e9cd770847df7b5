import type { CalendarDate } from '../domain/dates';
import { toGlobalId } from '../graphql/global-id';
import type { CsvLayout } from './csv-writer';
import { describeSource, FollowUpExportRow } from './export-row';

const COLUMNS = [
  'follow_up_id',
  'commitment_id',
  'commitment',
  'follow_up',
  'due_date',
  'status',
  'as_of',
  'days_overdue',
  'completed_on',
  'responsible_parties',
  'engagement',
  'sources',
  'source_urls',
  'commitment_url',
] as const;

/**
 * The follow-ups for reading in a spreadsheet: one record per follow-up, status as of `asOf` (the
 * as_of column says which day, so a saved file still tells when its statuses held). Lists inside a
 * cell are joined with "; ". Ids are the API's global ids; commitment_url is the commitment's page.
 */
export function followUpsCsvLayout(asOf: CalendarDate, commitmentUrl: (globalId: string) => string): CsvLayout<FollowUpExportRow> {
  return {
    columns: COLUMNS,
    cells: (r) => {
      const commitmentId = toGlobalId('Commitment', r.commitmentId);
      return [
        toGlobalId('FollowUp', r.followUpId),
        commitmentId,
        r.commitmentTitle,
        r.followUpTitle,
        r.dueDate,
        r.status,
        asOf,
        r.daysOverdue,
        r.completedOn,
        r.parties.map((p) => p.code).join('; '),
        r.engagementTitle,
        r.sources.map(describeSource).join('; '),
        r.sources.flatMap((s) => (s.url ? [s.url] : [])).join(' '),
        commitmentUrl(commitmentId),
      ];
    },
  };
}
