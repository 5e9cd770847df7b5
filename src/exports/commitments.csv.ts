import { stringify } from 'csv-stringify/sync';
import { toGlobalId } from '../graphql/global-id';
import { describeSource, FollowUpExportRow } from './export-row';

const COLUMNS = [
  'follow_up_id',
  'commitment_id',
  'commitment',
  'follow_up',
  'due_date',
  'status',
  'days_overdue',
  'completed_on',
  'responsible_parties',
  'engagement',
  'sources',
  'source_urls',
] as const;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break (quotes doubled). Lists inside a cell are joined with "; ". Ids are the API's global ids.
 */
export function commitmentsCsv(rows: readonly FollowUpExportRow[]): string {
  const records = rows.map((r) => [
    toGlobalId('FollowUp', r.followUpId),
    toGlobalId('Commitment', r.commitmentId),
    r.commitmentTitle,
    r.followUpTitle,
    r.dueDate ?? '',
    r.status,
    r.daysOverdue ?? '',
    r.completedOn ?? '',
    r.parties.map((p) => p.code).join('; '),
    r.engagementTitle ?? '',
    r.sources.map(describeSource).join('; '),
    r.sources.flatMap((s) => (s.url ? [s.url] : [])).join(' '),
  ]);
  return stringify(records, { header: true, columns: [...COLUMNS], record_delimiter: 'windows', eof: true });
}
