import { parse } from 'csv-parse/sync';
import { calendarEvents, calendarHead, calendarTail, CalendarOptions } from './calendar.ics';
import { followUpsCsvLayout } from './commitments.csv';
import { csvField, csvHead, csvRecords, UTF8_BOM } from './csv-writer';
import type { FollowUpExportRow } from './export-row';

type IcalModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
const ICAL: IcalModule = require('ical.js');

const pageOf = (globalId: string) => `https://tracker.example/commitments/${globalId}`;
const commitmentsCsv = (rows: FollowUpExportRow[], asOf = '2026-04-15') => {
  const layout = followUpsCsvLayout(asOf, pageOf);
  return csvHead(layout) + csvRecords(layout, rows);
};
const followUpCalendar = (rows: FollowUpExportRow[], o: CalendarOptions) => calendarHead() + calendarEvents(rows.slice(0, 1), o) + calendarEvents(rows.slice(1), o) + calendarTail();
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
    const rows = parse(text, { columns: true, record_delimiter: '\r\n', bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      commitment: 'Expand police training, exchange programmes; "fast"',
      follow_up: 'Training, round 1',
      due_date: '2026-05-31',
      status: 'DUE_SOON',
      as_of: '2026-04-15',
      days_overdue: '',
      responsible_parties: 'CN; PK',
      engagement: 'Security talks, Beijing',
      sources: 'Report, with\na line break (Dawn) <https://example.org/a>; Other view [contradicts]',
      source_urls: 'https://example.org/a',
      commitment_url: 'https://tracker.example/commitments/Q29tbWl0bWVudDoz',
    });
    expect(rows[1]).toMatchObject({ due_date: '', status: 'UNDATED' });
    expect(text).toContain('"Expand police training, exchange programmes; ""fast"""');
  });

  it('starts with a UTF-8 byte order mark, so Excel reads "–" as a dash', () => {
    const text = commitmentsCsv([row({ commitmentTitle: 'Trade – and transit' })]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('neutralises every cell a spreadsheet would run as a formula with a leading single quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${start}HYPERLINK("http://evil.example")`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    const text = commitmentsCsv([
      row({ commitmentTitle: '=cmd|\' /C calc\'!A0', followUpTitle: '+1+1', engagementTitle: '@SUM(A1)', sources: [{ title: '-2', outlet: null, url: null, stance: 'CONFIRMS' }] }),
    ]);
    const [read] = parse(text, { columns: true, record_delimiter: '\r\n', bom: true }) as Record<string, string>[];
    expect(read).toMatchObject({ commitment: "'=cmd|' /C calc'!A0", follow_up: "'+1+1", engagement: "'@SUM(A1)", sources: "'-2" });
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('2026-05-31')).toBe('2026-05-31');
  });

  it('ends every record with CRLF, as RFC 4180 asks', () => {
    const text = commitmentsCsv([row({})]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').match(/\n/g)).toHaveLength(text.replace(/"[^"]*"/g, '').match(/\r\n/g)!.length);
  });
});

describe('followUpCalendar', () => {
  const options = { asOf: '2026-04-15', commitmentUrl: pageOf, now: new Date('2026-04-15T10:00:00Z') };

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
    // The event links to its commitment's page (sources stay in the description).
    expect(first.component.getFirstPropertyValue('url')).toBe('https://tracker.example/commitments/Q29tbWl0bWVudDoz');
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
