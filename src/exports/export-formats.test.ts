import { parse } from 'csv-parse/sync';
import { followUpCalendar } from './calendar.ics';
import { commitmentsCsv } from './commitments.csv';
import type { FollowUpExportRow } from './export-row';

type IcalModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
const ICAL: IcalModule = require('ical.js');

const row = (over: Partial<FollowUpExportRow>): FollowUpExportRow => ({
  followUpId: '7',
  commitmentId: '3',
  commitmentTitle: 'Expand police training, exchange programmes; "fast"',
  followUpTitle: 'Training, round 1',
  dueDate: '2026-05-31',
  status: 'DUE_SOON',
  daysOverdue: null,
  completedOn: null,
  parties: [
    { code: 'CN', name: 'China' },
    { code: 'PK', name: 'Pakistan' },
  ],
  engagementTitle: 'Security talks, Beijing',
  sources: [
    { title: 'Report, with\na line break', outlet: 'Dawn', url: 'https://example.org/a', stance: 'CONFIRMS' },
    { title: 'Other view', outlet: null, url: null, stance: 'CONTRADICTS' },
  ],
  commitmentVersion: 3,
  commitmentUpdatedAt: new Date('2026-04-01T08:00:00Z'),
  ...over,
});

describe('commitmentsCsv', () => {
  it('quotes commas, quotes and line breaks so a CSV parser reads every field back intact', () => {
    const text = commitmentsCsv([row({}), row({ followUpId: '8', dueDate: null, status: 'UNDATED' })]);
    const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      commitment: 'Expand police training, exchange programmes; "fast"',
      follow_up: 'Training, round 1',
      due_date: '2026-05-31',
      status: 'DUE_SOON',
      days_overdue: '',
      responsible_parties: 'CN; PK',
      engagement: 'Security talks, Beijing',
      sources: 'Report, with\na line break (Dawn) <https://example.org/a>; Other view [contradicts]',
      source_urls: 'https://example.org/a',
    });
    expect(rows[1]).toMatchObject({ due_date: '', status: 'UNDATED' });
    expect(text).toContain('"Expand police training, exchange programmes; ""fast"""');
  });

  it('ends every record with CRLF, as RFC 4180 asks', () => {
    const text = commitmentsCsv([row({})]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').match(/\n/g)).toHaveLength(text.replace(/"[^"]*"/g, '').match(/\r\n/g)!.length);
  });
});

describe('followUpCalendar', () => {
  const options = { asOf: '2026-04-15', dashboardUrl: 'http://localhost:4000/dashboard', now: new Date('2026-04-15T10:00:00Z') };

  it('makes one all-day event per dated follow-up with a UID that depends on the follow-up only', () => {
    const rows = [row({}), row({ followUpId: '8', dueDate: null, status: 'UNDATED' }), row({ followUpId: '9', status: 'CANCELLED' })];
    const calendar = new ICAL.Component(ICAL.parse(followUpCalendar(rows, options)));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['follow-up-7@follow-through-tracker', 'follow-up-9@follow-through-tracker']);
    const [first, cancelled] = events;
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe('2026-05-31');
    expect(first.endDate.toString()).toBe('2026-06-01');
    expect(first.summary).toBe('[DUE_SOON] Training, round 1 (CN, PK)');
    expect(first.description).toContain('Status as of 2026-04-15: DUE_SOON');
    expect(first.description).toContain('- Report, with\na line break (Dawn) <https://example.org/a>');
    expect(first.sequence).toBe(2);
    expect(first.component.getFirstPropertyValue('url')).toBe('https://example.org/a');
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
